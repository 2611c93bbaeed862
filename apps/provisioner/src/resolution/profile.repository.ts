import { Injectable } from '@nestjs/common';
import type { RuntimeProfile } from '@tailor/contracts';
import { PrismaService } from '@tailor/prisma';

export interface KnownProfile {
  id: string;
  version: number;
  contentHash: string;
  isDefault: boolean;
  profile: RuntimeProfile;
}

/** Reads the profiles the predictor stored: the last known one serves when the predictor does not answer in time. */
@Injectable()
export class ProfileRepository {
  constructor(private readonly prisma: PrismaService) {}

  async lastKnown(applicationId: string, endpointId: string): Promise<KnownProfile | null> {
    const row = await this.prisma.runtimeProfile.findFirst({ where: { applicationId, endpointId }, orderBy: { version: 'desc' } });
    return row && { id: row.id, version: row.version, contentHash: row.contentHash, isDefault: row.isDefault, profile: row.profile as RuntimeProfile };
  }
}
