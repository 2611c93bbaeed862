import type { TrainingJobOutput, TrainingJobPhase, TrainingOptions } from '@tailor/runtime-model';

/** What a retrain asks its worker: the data window to read from Postgres and train on, and the champion to re-score. */
export interface TrainingRequest {
  databaseUrl: string;
  /** data window, epoch ms: [from, to) */
  from: number;
  to: number;
  windowMinutes: number;
  options: TrainingOptions;
  champion?: { version: number; artifact: Uint8Array };
}

export type TrainingWorkerPhase = 'loading-data' | TrainingJobPhase;

/** What the training worker posts back: phases as it goes, then its output or the error that stopped it. */
export type TrainingWorkerMessage =
  | { type: 'phase'; phase: TrainingWorkerPhase }
  | { type: 'done'; output: TrainingJobOutput }
  | { type: 'failed'; name: string; message: string; reason?: string };
