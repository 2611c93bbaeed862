import { type ConfigOf, defineConfigGroup } from '@tailor/config';

import type { PredictorEnv } from './predictor-env.schema';

/** What the default profile asks for. */
export const predictionConfig = defineConfigGroup('prediction', (env: PredictorEnv) => ({
  nodeVersion: env.RUNTIME_NODE_VERSION,
}));
export type PredictionConfig = ConfigOf<typeof predictionConfig>;

export const trainingConfig = defineConfigGroup('training', (env: PredictorEnv) => ({
  cron: env.RETRAIN_CRON,
  trainingDays: env.MODEL_TRAINING_DAYS,
  windowMinutes: env.MODEL_WINDOW_MINUTES,
  holdoutFraction: env.MODEL_HOLDOUT_FRACTION,
  minExamples: env.MODEL_MIN_EXAMPLES,
}));
export type TrainingConfig = ConfigOf<typeof trainingConfig>;

export const modelsConfig = defineConfigGroup('models', (env: PredictorEnv) => ({
  pollIntervalMs: env.MODEL_POLL_INTERVAL_MS,
}));
export type ModelsConfig = ConfigOf<typeof modelsConfig>;

/** The costs that choose the library cut, in the shape of @tailor/runtime-model's LibraryCosts. */
export const libraryCostsConfig = defineConfigGroup('libraryCosts', (env: PredictorEnv) => ({
  lateLoadMs: env.LIBRARY_LATE_LOAD_COST_MS,
  unusedPreloadMs: env.LIBRARY_UNUSED_PRELOAD_COST_MS,
  missingInstallMs: env.LIBRARY_MISSING_INSTALL_COST_MS,
  unusedInstallMs: env.LIBRARY_UNUSED_INSTALL_COST_MS,
}));
export type LibraryCostsConfig = ConfigOf<typeof libraryCostsConfig>;

export const forecastConfig = defineConfigGroup('forecast', (env: PredictorEnv) => ({
  activeMinutes: env.FORECAST_ACTIVE_MINUTES,
}));
export type ForecastConfig = ConfigOf<typeof forecastConfig>;

export const PREDICTOR_CONFIG_GROUPS = [predictionConfig, trainingConfig, modelsConfig, libraryCostsConfig, forecastConfig];
