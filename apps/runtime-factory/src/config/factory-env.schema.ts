import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';

import { BaseEnvSchema, PortSchema } from '@tailor/config';
import { DockerEnvSchema } from '@tailor/docker';
import { z } from 'zod';

const GIB = 1024 * 1024 * 1024;

export const FactoryEnvSchema = BaseEnvSchema.extend(DockerEnvSchema.shape).extend({
  PORT: PortSchema.default(3003),
  /** Repository of the specialized images; the tag is the resolved profile hash. Defaults to tailor/runtime-<namespace>. */
  RUNTIME_IMAGE_REPOSITORY: z
    .string()
    .regex(/^[a-z0-9]+([._/-][a-z0-9]+)*$/, 'must be a Docker repository name')
    .optional(),
  /** Disk the specialized images may use above the base image; least recently used ones are evicted past it. */
  IMAGE_CACHE_BUDGET_BYTES: z.coerce
    .number()
    .int()
    .min(0)
    .default(10 * GIB),
  IMAGE_BUILD_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(2),
  /** attempts of a build that fails for a transient reason (registry or engine unavailable) */
  IMAGE_BUILD_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(3),
  IMAGE_BUILD_BACKOFF_MS: z.coerce.number().int().min(10).max(600_000).default(2000),
  /**
   * how long a build that failed for a transient reason (after its last attempt) is answered from; past it, the next
   * request builds the profile again (a fixed registry or engine problem). Permanent failures never expire.
   */
  IMAGE_BUILD_TRANSIENT_FAILURE_TTL_MS: z.coerce
    .number()
    .int()
    .min(0)
    .default(15 * 60_000),
  /** npm's cache on the build side: dependencies are installed here from the lockfile, never inside a container */
  NPM_CACHE_DIR: z.string().startsWith('/', 'must be an absolute path').default(join(homedir(), '.npm')),
  NPM_REGISTRY: z.url().optional(),
  /** where build contexts are assembled (one temporary folder per build) */
  BUILD_WORK_DIR: z.string().startsWith('/', 'must be an absolute path').default(join(tmpdir(), 'tailor-builds')),
  /** root of the applications' data files: profile.preloadedData paths are relative to <root>/<applicationId>/ */
  RUNTIME_DATA_DIR: z.string().startsWith('/', 'must be an absolute path').default(join(tmpdir(), 'tailor-data')),
  /** time a build step (npm or the engine) may take before it is failed */
  IMAGE_BUILD_STEP_TIMEOUT_MS: z.coerce.number().int().min(1000).max(3_600_000).default(300_000),
});
export type FactoryEnv = z.infer<typeof FactoryEnvSchema>;
