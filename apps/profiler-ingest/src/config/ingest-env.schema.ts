import { BaseEnvSchema, PortSchema } from '@tailor/config';
import { z } from 'zod';

export const IngestEnvSchema = BaseEnvSchema.extend({
  PORT: PortSchema.default(3001),
  /** batches are large: the limit applies to the inflated body of a gzipped request too */
  HTTP_BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(64 * 1024 * 1024)
    .default(16 * 1024 * 1024),
  /** connections of the pool that writes batches */
  INGEST_DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  /** raw events recorded longer ago than this are pruned; rollups are kept */
  RAW_EVENT_RETENTION_HOURS: z.coerce
    .number()
    .min(0.001)
    .max(24 * 3650)
    .default(24 * 7),
  /** how often pruning runs; 0 turns it off */
  RETENTION_PRUNE_INTERVAL_MS: z.coerce.number().int().min(0).max(86_400_000).default(600_000),
  /** an endpoint's data-changed job covers one window of this length and runs at its end (debounce) */
  DATA_CHANGED_WINDOW_MS: z.coerce.number().int().min(0).max(3_600_000).default(60_000),
});
export type IngestEnv = z.infer<typeof IngestEnvSchema>;
