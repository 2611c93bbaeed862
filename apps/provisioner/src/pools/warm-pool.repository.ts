import { Injectable } from '@nestjs/common';
import type { RuntimeProfile } from '@tailor/contracts';
import { Prisma, PrismaService } from '@tailor/prisma';

export type WarmPoolRecord = Prisma.WarmPoolGetPayload<object>;

export interface PoolIdentity {
  profileHash: string;
  applicationId: string;
  endpointId: string;
  profile: RuntimeProfile;
  profileId: string | null;
  imageRef: string;
  imageHash: string;
  imageMatch: string;
}

@Injectable()
export class WarmPoolRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Creates or refreshes a pool's profile and image; extra fields (a floor, a pre-warm) are set with it. */
  upsert(identity: PoolIdentity, extra: Prisma.WarmPoolUpdateInput = {}): Promise<WarmPoolRecord> {
    const data = {
      ...identity,
      profile: identity.profile as Prisma.InputJsonObject,
      memoryMb: identity.profile.memoryMb,
    };
    return this.prisma.warmPool.upsert({
      where: { profileHash: identity.profileHash },
      create: { ...data, ...(extra as Prisma.WarmPoolCreateInput) },
      update: { ...data, ...extra },
    });
  }

  all(): Promise<WarmPoolRecord[]> {
    return this.prisma.warmPool.findMany({ orderBy: { createdAt: 'asc' } });
  }

  find(profileHash: string): Promise<WarmPoolRecord | null> {
    return this.prisma.warmPool.findUnique({ where: { profileHash } });
  }

  async setTargets(targets: Map<string, number>, at: Date): Promise<void> {
    await this.prisma.$transaction(
      [...targets].map(([profileHash, targetSize]) =>
        this.prisma.warmPool.update({ where: { profileHash }, data: { targetSize, reconciledAt: at } }),
      ),
    );
  }
}
