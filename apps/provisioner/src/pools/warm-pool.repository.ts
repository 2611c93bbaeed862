import { Injectable } from '@nestjs/common';
import { InjectNamespace } from '@tailor/config';
import type { ImageMatch, RuntimeProfile } from '@tailor/contracts';
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
  imageMatch: ImageMatch;
}

const isUniqueViolation = (error: unknown): boolean =>
  error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';

@Injectable()
export class WarmPoolRepository {
  /** the pools a provisioner sizes are those of its TAILOR_NAMESPACE */
  private readonly namespace: string;

  constructor(
    private readonly prisma: PrismaService,
    @InjectNamespace() namespace: string,
  ) {
    this.namespace = namespace;
  }

  /**
   * Creates or refreshes a pool's profile and image; extra fields (a floor, a pre-warm) are set with it. A pool is keyed
   * by its namespace and profile hash, so another namespace's pool of the same profile is never touched.
   */
  async upsert(identity: PoolIdentity, extra: Prisma.WarmPoolUpdateInput = {}): Promise<WarmPoolRecord> {
    const data = {
      ...identity,
      profile: identity.profile as Prisma.InputJsonObject,
      memoryMb: identity.profile.memoryMb,
    };
    const update = () =>
      this.prisma.warmPool.updateManyAndReturn({
        where: { profileHash: identity.profileHash, namespace: this.namespace },
        data: { ...data, ...(extra as Prisma.WarmPoolUpdateManyMutationInput) },
      });
    const [updated] = await update();
    if (updated) return updated;
    try {
      return await this.prisma.warmPool.create({ data: { ...data, ...(extra as Prisma.WarmPoolCreateInput), namespace: this.namespace } });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // created meanwhile by another replica of this namespace
      const [raced] = await update();
      if (raced) return raced;
      throw error;
    }
  }

  all(): Promise<WarmPoolRecord[]> {
    return this.prisma.warmPool.findMany({ where: { namespace: this.namespace }, orderBy: { createdAt: 'asc' } });
  }

  find(profileHash: string): Promise<WarmPoolRecord | null> {
    return this.prisma.warmPool.findFirst({ where: { profileHash, namespace: this.namespace } });
  }

  async setTargets(targets: Map<string, number>, at: Date): Promise<void> {
    await this.prisma.$transaction(
      [...targets].map(([profileHash, targetSize]) =>
        this.prisma.warmPool.updateMany({ where: { profileHash, namespace: this.namespace }, data: { targetSize, reconciledAt: at } }),
      ),
    );
  }
}
