import { type RuntimeProfile, RuntimeProfileSchema } from '@tailor/contracts';
import { defaultProfile, profileContentHash } from '@tailor/profiles';
import { Prisma, PrismaClient } from '@tailor/prisma';

export interface StoredProfile {
  profile: RuntimeProfile;
  contentHash: string;
}

/**
 * Stores a model profile of an endpoint the way the predictor does (next version of the endpoint, content hash). The
 * predictor serves the default profile until a model is promoted; a provisioner whose predictor does not answer serves
 * this last stored profile instead (`profileSource: 'last_known'`), which is how these tests give an endpoint libraries.
 */
export async function storeModelProfile(
  prisma: PrismaClient,
  {
    applicationId,
    endpointId,
    libraries,
    memoryMb = 256,
  }: Pick<RuntimeProfile, 'applicationId' | 'endpointId' | 'libraries'> & { memoryMb?: number },
): Promise<StoredProfile> {
  const profile = RuntimeProfileSchema.parse({
    ...defaultProfile(applicationId, endpointId, '20'),
    libraries,
    preload: libraries.map((library) => library.name),
    memoryMb,
  });
  const contentHash = profileContentHash(profile);
  const latest = await prisma.runtimeProfile.findFirst({
    where: { applicationId, endpointId },
    orderBy: { version: 'desc' },
  });
  await prisma.runtimeProfile.create({
    data: {
      applicationId,
      endpointId,
      version: (latest?.version ?? 0) + 1,
      contentHash,
      isDefault: false,
      profile: profile as Prisma.InputJsonObject,
    },
  });
  return { profile, contentHash };
}
