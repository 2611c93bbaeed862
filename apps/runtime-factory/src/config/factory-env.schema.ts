import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';

import { appPort, BaseEnvSchema, envVariables } from '@tailor/config';
import { DockerEnvSchema } from '@tailor/docker';
import { z } from 'zod';

const GIB = 1024 * 1024 * 1024;
const absolutePath = z.string().startsWith('/', 'must be an absolute path');

export const FactoryEnvSchema = BaseEnvSchema.extend(DockerEnvSchema.shape).extend({
  PORT: appPort(3003),
  RUNTIME_IMAGE_REPOSITORY: z
    .string()
    .regex(/^[a-z0-9]+([._/-][a-z0-9]+)*$/, 'must be a Docker repository name')
    .optional()
    .register(envVariables, {
      group: 'images',
      description:
        'repository of the specialized images; the tag is the resolved profile hash. `tailor/runtime-<namespace>` when unset',
    }),
  IMAGE_CACHE_BUDGET_BYTES: z.coerce
    .number()
    .int()
    .min(0)
    .default(10 * GIB)
    .register(envVariables, {
      group: 'cache',
      description:
        'disk the specialized images may use above the base image; least recently used ones are evicted past it',
    }),
  IMAGE_BUILD_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(2).register(envVariables, {
    group: 'builds',
    description: 'image builds one replica runs at once',
  }),
  IMAGE_BUILD_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(3).register(envVariables, {
    group: 'builds',
    description: 'attempts of a build that fails for a transient reason (registry or engine unavailable)',
  }),
  IMAGE_BUILD_BACKOFF_MS: z.coerce.number().int().min(10).max(600_000).default(2000).register(envVariables, {
    group: 'builds',
    description: "wait before a failed build's second attempt, doubled before each further one (exponential backoff)",
  }),
  IMAGE_BUILD_TRANSIENT_FAILURE_TTL_MS: z.coerce
    .number()
    .int()
    .min(0)
    .default(15 * 60_000)
    .register(envVariables, {
      group: 'builds',
      description:
        'how long a build that failed for a transient reason (after its last attempt) is answered from; past it, the next request builds the profile again. Permanent failures (unknown package or version, build error) never expire',
    }),
  NPM_CACHE_DIR: absolutePath.default(join(homedir(), '.npm')).register(envVariables, {
    group: 'npm',
    description:
      "npm's cache on the build side: dependencies are installed here from the lockfile, never inside a container",
    machineDefault: '~/.npm',
  }),
  NPM_REGISTRY: z.url().optional().register(envVariables, {
    group: 'npm',
    description: "registry npm installs the dependencies from; npm's own configuration when unset",
    sensitive: true,
  }),
  BUILD_WORK_DIR: absolutePath.default(join(tmpdir(), 'tailor-builds')).register(envVariables, {
    group: 'builds',
    description: 'where build contexts are assembled (one temporary folder per build)',
    machineDefault: '$TMPDIR/tailor-builds',
  }),
  RUNTIME_DATA_DIR: absolutePath.default(join(tmpdir(), 'tailor-data')).register(envVariables, {
    group: 'images',
    description:
      "root of the applications' data files: `profile.preloadedData` paths are relative to `<root>/<applicationId>/`",
    machineDefault: '$TMPDIR/tailor-data',
  }),
  IMAGE_BUILD_STEP_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(1000)
    .max(3_600_000)
    .default(300_000)
    .register(envVariables, {
      group: 'builds',
      description: 'time a build step (npm or the engine) may take before it is failed',
    }),
});
export type FactoryEnv = z.infer<typeof FactoryEnvSchema>;
