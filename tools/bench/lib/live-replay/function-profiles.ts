import { type RuntimeProfile, RuntimeProfileSchema } from '@tailor/contracts';
import { DEFAULT_CPU_MILLIS, defaultProfile, profileContentHash } from '@tailor/profiles';
import type { Client } from 'pg';

import type { ReplayedFunction } from './trace-subset';

const MEMORY_STEP_MB = 64;
const MIN_MEMORY_MB = 128;
const CPU_STEP_MILLIS = 50;

/**
 * A profile of its own for each replayed function. Warm pools are per profile (its content hash leaves the endpoint
 * out), so functions on the default profile would all share one pool; here each gets the trace's memory (rounded up to
 * 64 MB, at least 128 MB) and a CPU share of its own (500, 550, … millicores) so that no two hash alike.
 */
export function functionProfiles(functions: ReplayedFunction[], nodeVersion: string): Map<string, RuntimeProfile> {
  return new Map(
    functions.map((f, i) => [
      f.endpointId,
      RuntimeProfileSchema.parse({
        ...defaultProfile(f.applicationId, f.endpointId, nodeVersion),
        memoryMb: Math.max(MIN_MEMORY_MB, Math.ceil(f.trace.memoryMb / MEMORY_STEP_MB) * MEMORY_STEP_MB),
        cpuMillis: DEFAULT_CPU_MILLIS + i * CPU_STEP_MILLIS,
      }),
    ]),
  );
}

/** Stores the profiles as the predictor stores a model's (version 1, not default): the provisioner's last known ones. */
export async function storeProfiles(db: Client, profiles: Map<string, RuntimeProfile>): Promise<void> {
  for (const profile of profiles.values()) {
    await db.query(
      `INSERT INTO runtime_profiles (id, "applicationId", "endpointId", version, "contentHash", profile, "isDefault")
       VALUES (gen_random_uuid(), $1, $2, 1, $3, $4::jsonb, false)`,
      [profile.applicationId, profile.endpointId, profileContentHash(profile), JSON.stringify(profile)],
    );
  }
}
