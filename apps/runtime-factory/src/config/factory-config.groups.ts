import { type ConfigOf, defineConfigGroup } from '@tailor/config';

import type { FactoryEnv } from './factory-env.schema';

/** The specialized images: their repository (this namespace's when unset) and the data files they may carry. */
export const imagesConfig = defineConfigGroup('images', (env: FactoryEnv) => ({
  repository: env.RUNTIME_IMAGE_REPOSITORY ?? `tailor/runtime-${env.TAILOR_NAMESPACE}`,
  dataDir: env.RUNTIME_DATA_DIR,
}));
export type ImagesConfig = ConfigOf<typeof imagesConfig>;

export const cacheConfig = defineConfigGroup('cache', (env: FactoryEnv) => ({
  budgetBytes: env.IMAGE_CACHE_BUDGET_BYTES,
}));
export type CacheConfig = ConfigOf<typeof cacheConfig>;

export const buildsConfig = defineConfigGroup('builds', (env: FactoryEnv) => ({
  concurrency: env.IMAGE_BUILD_CONCURRENCY,
  attempts: env.IMAGE_BUILD_ATTEMPTS,
  backoffMs: env.IMAGE_BUILD_BACKOFF_MS,
  transientFailureTtlMs: env.IMAGE_BUILD_TRANSIENT_FAILURE_TTL_MS,
  workDir: env.BUILD_WORK_DIR,
  stepTimeoutMs: env.IMAGE_BUILD_STEP_TIMEOUT_MS,
}));
export type BuildsConfig = ConfigOf<typeof buildsConfig>;

/** npm on the build side. */
export const npmConfig = defineConfigGroup('npm', (env: FactoryEnv) => ({
  cacheDir: env.NPM_CACHE_DIR,
  registry: env.NPM_REGISTRY,
}));
export type NpmConfig = ConfigOf<typeof npmConfig>;

export const FACTORY_CONFIG_GROUPS = [imagesConfig, cacheConfig, buildsConfig, npmConfig];
