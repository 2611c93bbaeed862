import { BaseEnvSchema, PortSchema } from '@tailor/config';
import { z } from 'zod';

const milliseconds = z.coerce.number().min(0).max(3_600_000);

export const PredictorEnvSchema = BaseEnvSchema.extend({
  PORT: PortSchema.default(3002),
  /** Node major version of the runtimes the default profile asks for */
  RUNTIME_NODE_VERSION: z.string().regex(/^\d+(\.\d+){0,2}$/, 'must be a version such as 20').default('20'),
  /** cron of the nightly retrain (BullMQ repeatable job) */
  RETRAIN_CRON: z
    .string()
    .regex(/^(\S+\s+){4,5}\S+$/, 'must be a cron pattern such as "0 3 * * *"')
    .default('0 3 * * *'),
  /** days of profiling rollups and feedback a retrain learns from */
  MODEL_TRAINING_DAYS: z.coerce.number().min(0.01).max(365).default(14),
  /** length of the window the library and memory predictions are for; a multiple of 60 reads hour rollups */
  MODEL_WINDOW_MINUTES: z.coerce.number().int().min(1).max(1440).default(60),
  /** share of the data window, at its end, held out to compare a new model with the champion and the baselines */
  MODEL_HOLDOUT_FRACTION: z.coerce.number().min(0.05).max(0.5).default(0.25),
  MODEL_MIN_EXAMPLES: z.coerce.number().int().min(1).default(50),
  /** how often a replica checks the registry for a new champion promoted elsewhere */
  MODEL_POLL_INTERVAL_MS: z.coerce.number().int().min(1000).default(30_000),
  /** costs that choose the library cut (see LibraryCosts) */
  LIBRARY_LATE_LOAD_COST_MS: milliseconds.default(40),
  LIBRARY_UNUSED_PRELOAD_COST_MS: milliseconds.default(20),
  LIBRARY_MISSING_INSTALL_COST_MS: milliseconds.default(1500),
  LIBRARY_UNUSED_INSTALL_COST_MS: milliseconds.default(10),
  /** endpoints invoked within this many minutes are in the warm-pool forecast */
  FORECAST_ACTIVE_MINUTES: z.coerce.number().int().min(1).max(10_080).default(240),
});
export type PredictorEnv = z.infer<typeof PredictorEnvSchema>;
