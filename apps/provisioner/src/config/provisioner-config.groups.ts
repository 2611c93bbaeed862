import { type ConfigOf, defineConfigGroup } from '@tailor/config';
import type { KeepWarmPolicySettings } from '@tailor/warm-policy';

import type { ProvisionerEnv } from './provisioner-env.schema';

/** The runtime containers the provisioner starts. */
export const runtimeConfig = defineConfigGroup('runtime', (env: ProvisionerEnv) => ({
  readyTimeoutMs: env.RUNTIME_READY_TIMEOUT_MS,
  host: env.RUNTIME_HOST,
  ingestUrl: env.RUNTIME_INGEST_URL,
  pidsLimit: env.RUNTIME_PIDS_LIMIT,
}));
export type RuntimeConfig = ConfigOf<typeof runtimeConfig>;

/** The Docker engines runtimes are placed on (beside libs/docker's default engine). */
export const enginesConfig = defineConfigGroup('engines', (env: ProvisionerEnv) => ({
  hosts: env.DOCKER_HOSTS,
  hostMemoryLimitMb: env.HOST_MEMORY_LIMIT_MB,
}));
export type EnginesConfig = ConfigOf<typeof enginesConfig>;

/** Asking the predictor for a profile, and the default profile when it does not answer. */
export const predictionConfig = defineConfigGroup('prediction', (env: ProvisionerEnv) => ({
  timeoutMs: env.PREDICT_TIMEOUT_MS,
  cacheMs: env.PREDICTION_CACHE_MS,
  staleMs: env.PREDICTION_STALE_MS,
  nodeVersion: env.RUNTIME_NODE_VERSION,
}));
export type PredictionConfig = ConfigOf<typeof predictionConfig>;

export const poolsConfig = defineConfigGroup('pools', (env: ProvisionerEnv) => ({
  reconcileIntervalMs: env.POOL_RECONCILE_INTERVAL_MS,
  leaseMs: env.POOL_LEASE_MS,
  memoryBudgetMb: env.POOL_MEMORY_BUDGET_MB,
  maxSize: env.POOL_MAX_SIZE,
  startConcurrency: env.POOL_START_CONCURRENCY,
  reactiveFloor: env.POOL_REACTIVE_FLOOR,
  reactiveFloorMs: env.POOL_REACTIVE_FLOOR_MS,
}));
export type PoolsConfig = ConfigOf<typeof poolsConfig>;

/** The keep-warm policy (in the settings @tailor/warm-policy's factory takes) and the clock it counts minutes by. */
export const warmPolicyConfig = defineConfigGroup('warmPolicy', (env: ProvisionerEnv) => ({
  settings: {
    WARM_POLICY: env.WARM_POLICY,
    WARM_POLICY_COST_RATIO: env.WARM_POLICY_COST_RATIO,
    WARM_POLICY_KEEP_ALIVE_MINUTES: env.WARM_POLICY_KEEP_ALIVE_MINUTES,
  } satisfies KeepWarmPolicySettings,
  minuteMs: env.WARM_POLICY_MINUTE_MS,
  clockOrigin: env.WARM_POLICY_CLOCK_ORIGIN,
}));
export type WarmPolicyConfig = ConfigOf<typeof warmPolicyConfig>;

export const environmentsConfig = defineConfigGroup('environments', (env: ProvisionerEnv) => ({
  ttlMs: env.ENVIRONMENT_TTL_MS,
}));
export type EnvironmentsConfig = ConfigOf<typeof environmentsConfig>;

export const invocationsConfig = defineConfigGroup('invocations', (env: ProvisionerEnv) => ({
  timeoutMs: env.INVOKE_TIMEOUT_MS,
}));
export type InvocationsConfig = ConfigOf<typeof invocationsConfig>;

/** GET /status. */
export const statusConfig = defineConfigGroup('status', (env: ProvisionerEnv) => ({
  refreshSeconds: env.STATUS_REFRESH_SECONDS,
  replayDir: env.STATUS_REPLAY_DIR,
}));
export type StatusConfig = ConfigOf<typeof statusConfig>;

export const PROVISIONER_CONFIG_GROUPS = [
  runtimeConfig,
  enginesConfig,
  predictionConfig,
  poolsConfig,
  warmPolicyConfig,
  environmentsConfig,
  invocationsConfig,
  statusConfig,
];
