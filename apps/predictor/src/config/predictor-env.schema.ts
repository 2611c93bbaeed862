import { appPort, BaseEnvSchema, DefaultProfileEnvSchema, envVariables } from '@tailor/config';
import { z } from 'zod';

const milliseconds = z.coerce.number().min(0).max(3_600_000);

export const PredictorEnvSchema = BaseEnvSchema.extend(DefaultProfileEnvSchema.shape).extend({
  PORT: appPort(3002),
  RETRAIN_CRON: z
    .string()
    .regex(/^(\S+\s+){4,5}\S+$/, 'must be a cron pattern such as "0 3 * * *"')
    .default('0 3 * * *')
    .register(envVariables, { group: 'training', description: 'cron of the nightly retrain (BullMQ repeatable job)' }),
  MODEL_TRAINING_DAYS: z.coerce.number().min(0.01).max(365).default(14).register(envVariables, {
    group: 'training',
    description: 'days of profiling rollups and feedback a retrain learns from',
  }),
  MODEL_WINDOW_MINUTES: z.coerce.number().int().min(1).max(1440).default(60).register(envVariables, {
    group: 'training',
    description: 'length of the window the library and memory predictions are for; a multiple of 60 reads hour rollups',
  }),
  MODEL_HOLDOUT_FRACTION: z.coerce.number().min(0.05).max(0.5).default(0.25).register(envVariables, {
    group: 'training',
    description:
      'share of the data window, at its end, held out to compare a new model with the champion and the baselines',
  }),
  MODEL_MIN_EXAMPLES: z.coerce.number().int().min(1).default(50).register(envVariables, {
    group: 'training',
    description:
      'training examples a retrain needs at least (and a quarter as many held out); with fewer, no model is trained',
  }),
  MODEL_POLL_INTERVAL_MS: z.coerce.number().int().min(1000).default(30_000).register(envVariables, {
    group: 'models',
    description: 'how often a replica checks the registry for a new champion promoted elsewhere',
  }),
  LIBRARY_LATE_LOAD_COST_MS: milliseconds.default(40).register(envVariables, {
    group: 'libraryCosts',
    description:
      'what a library installed but not preloaded costs the first request that loads it; the four costs choose the library cut (see LibraryCosts)',
  }),
  LIBRARY_UNUSED_PRELOAD_COST_MS: milliseconds.default(20).register(envVariables, {
    group: 'libraryCosts',
    description: 'what a preloaded library nobody uses costs in start time and memory',
  }),
  LIBRARY_MISSING_INSTALL_COST_MS: milliseconds.default(1500).register(envVariables, {
    group: 'libraryCosts',
    description: 'what a library not installed costs: the request goes to the generic runtime',
  }),
  LIBRARY_UNUSED_INSTALL_COST_MS: milliseconds.default(10).register(envVariables, {
    group: 'libraryCosts',
    description: 'what an installed library nobody uses costs in image size and build time',
  }),
  FORECAST_ACTIVE_MINUTES: z.coerce.number().int().min(1).max(10_080).default(240).register(envVariables, {
    group: 'forecast',
    description: 'endpoints invoked within this many minutes are in the warm-pool forecast',
  }),
});
export type PredictorEnv = z.infer<typeof PredictorEnvSchema>;
