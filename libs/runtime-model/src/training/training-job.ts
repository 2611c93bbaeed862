import { arrivalSeriesFromRollups } from '../arrival/arrival-series';
import type { RollupRow } from '@tailor/contracts';

import { buildHistories, type FeedbackRow } from '../history/endpoint-history';
import { readRuntimeModel } from '../onnx/onnx-import';
import type { RuntimeModelBundle } from '../onnx/runtime-model-bundle';
import {
  type DataSplit,
  evaluateOnHoldout,
  type HoldoutEvaluation,
  type ModelMetrics,
  trainRuntimeModel,
  type TrainingData,
  type TrainingOptions,
} from './train-runtime-model';

/**
 * Everything a retrain computes, as plain data that crosses a worker thread's boundary: the rows the predictor read
 * from Postgres in, the new version and the champion's score on the same held-out windows out.
 */
export interface TrainingJobInput {
  /** rollups at the window's granularity (hour rollups when the window is a multiple of 60 minutes), else none */
  windowRows?: RollupRow[];
  minuteRows: RollupRow[];
  feedback: FeedbackRow[];
  windowMinutes: number;
  /** data window, epoch ms: [from, to) */
  from: number;
  to: number;
  options: TrainingOptions;
  /** the current champion's model file, re-scored on the challenger's held-out windows */
  champion?: { version: number; artifact: Uint8Array };
}

export interface TrainingJobOutput {
  bundle: RuntimeModelBundle;
  artifact: Uint8Array;
  metrics: ModelMetrics;
  split: DataSplit;
  champion?: { version: number; holdout: HoldoutEvaluation };
}

export type TrainingJobPhase = 'training' | 'evaluating';

export function trainingDataOf(input: TrainingJobInput): TrainingData {
  return {
    histories: buildHistories(input.windowRows ?? input.minuteRows, input.windowMinutes, input.feedback),
    arrivals: arrivalSeriesFromRollups(input.minuteRows),
    windowMinutes: input.windowMinutes,
    from: input.from,
    to: input.to,
  };
}

/** The CPU-bound part of a retrain (features, fitting, ONNX export, champion re-scoring), run in a worker thread. */
export function runTrainingJob(
  input: TrainingJobInput,
  phase: (phase: TrainingJobPhase) => void = () => undefined,
): TrainingJobOutput {
  phase('training');
  const data = trainingDataOf(input);
  const trained = trainRuntimeModel(data, input.options);
  phase('evaluating');
  const champion = input.champion && {
    version: input.champion.version,
    holdout: evaluateOnHoldout(readRuntimeModel(input.champion.artifact), data, trained.split),
  };
  return { ...trained, champion };
}
