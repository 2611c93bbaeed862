import { type ConfigOf, defineConfigGroup } from '@tailor/config';

import type { IngestEnv } from './ingest-env.schema';

/** The write path's own pg pool. */
export const eventStoreConfig = defineConfigGroup('eventStore', (env: IngestEnv) => ({
  poolSize: env.INGEST_DATABASE_POOL_SIZE,
}));
export type EventStoreConfig = ConfigOf<typeof eventStoreConfig>;

export const retentionConfig = defineConfigGroup('retention', (env: IngestEnv) => ({
  rawEventRetentionHours: env.RAW_EVENT_RETENTION_HOURS,
  pruneIntervalMs: env.RETENTION_PRUNE_INTERVAL_MS,
}));
export type RetentionConfig = ConfigOf<typeof retentionConfig>;

export const dataChangedConfig = defineConfigGroup('dataChanged', (env: IngestEnv) => ({
  windowMs: env.DATA_CHANGED_WINDOW_MS,
}));
export type DataChangedConfig = ConfigOf<typeof dataChangedConfig>;

export const INGEST_CONFIG_GROUPS = [eventStoreConfig, retentionConfig, dataChangedConfig];
