import { appPort, BaseEnvSchema, envVariables } from '@tailor/config';
import { z } from 'zod';

export const IngestEnvSchema = BaseEnvSchema.extend({
  PORT: appPort(3001),
  HTTP_BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(64 * 1024 * 1024)
    .default(16 * 1024 * 1024)
    .register(envVariables, {
      group: 'http',
      description: 'batches are large: the limit applies to the inflated body of a gzipped batch too',
    }),
  INGEST_DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10).register(envVariables, {
    group: 'eventStore',
    description: 'connections of the pool that writes batches',
  }),
  RAW_EVENT_RETENTION_HOURS: z.coerce
    .number()
    .min(0.001)
    .max(24 * 3650)
    .default(24 * 7)
    .register(envVariables, {
      group: 'retention',
      description: 'raw events recorded longer ago than this are pruned; rollups are kept',
    }),
  RETENTION_PRUNE_INTERVAL_MS: z.coerce.number().int().min(0).max(86_400_000).default(600_000).register(envVariables, {
    group: 'retention',
    description: 'how often pruning runs; 0 turns it off',
  }),
  DATA_CHANGED_WINDOW_MS: z.coerce.number().int().min(0).max(3_600_000).default(60_000).register(envVariables, {
    group: 'dataChanged',
    description: "an endpoint's data-changed job covers one window of this length and runs at its end (debounce)",
  }),
});
export type IngestEnv = z.infer<typeof IngestEnvSchema>;
