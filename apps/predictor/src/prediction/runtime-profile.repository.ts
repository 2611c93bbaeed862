import { Injectable } from '@nestjs/common';
import type { RuntimeProfile } from '@tailor/contracts';
import { Prisma, PrismaService } from '@tailor/prisma';

export interface StoredProfile {
  id: string;
  version: number;
  contentHash: string;
  isDefault: boolean;
  profile: RuntimeProfile;
}

const UNIQUE_VIOLATION = 'P2002';

@Injectable()
export class RuntimeProfileRepository {
  constructor(private readonly prisma: PrismaService) {}

  async latest(applicationId: string, endpointId: string): Promise<StoredProfile | null> {
    const row = await this.prisma.runtimeProfile.findFirst({
      where: { applicationId, endpointId },
      orderBy: { version: 'desc' },
    });
    return row && { ...row, profile: row.profile as RuntimeProfile };
  }

  /** Stores `profile` as the endpoint's next version; concurrent writers each retry on the version they lost. */
  async append(profile: RuntimeProfile, contentHash: string, isDefault: boolean, modelVersionId?: string): Promise<StoredProfile> {
    const { applicationId, endpointId } = profile;
    for (;;) {
      const latest = await this.latest(applicationId, endpointId);
      if (latest?.contentHash === contentHash && latest.isDefault === isDefault) return latest;
      try {
        const row = await this.prisma.runtimeProfile.create({
          data: {
            applicationId,
            endpointId,
            version: (latest?.version ?? 0) + 1,
            contentHash,
            isDefault,
            modelVersionId,
            profile: profile as Prisma.InputJsonObject,
          },
        });
        return { ...row, profile };
      } catch (error) {
        if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === UNIQUE_VIOLATION)) throw error;
      }
    }
  }
}
