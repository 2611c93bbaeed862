import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';

import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { InsufficientDataError, ModelArtifactError, type TrainingJobOutput } from '@tailor/runtime-model';

import type { TrainingRequest, TrainingWorkerMessage, TrainingWorkerPhase } from './training-worker-message';

/** The worker's entry beside this file; run from TypeScript source, it loads under the same register hook as the app. */
const WORKER_ENTRY = join(__dirname, `training.worker${extname(__filename)}`);
const WORKER_EXEC_ARGV = extname(__filename) === '.ts' ? ['-r', '@swc-node/register'] : [];

function errorOf(message: Extract<TrainingWorkerMessage, { type: 'failed' }>): Error {
  if (message.name === InsufficientDataError.name) return new InsufficientDataError(message.message);
  if (message.name === ModelArtifactError.name && message.reason !== undefined) return new ModelArtifactError(message.reason);
  const error = new Error(message.message);
  error.name = message.name;
  return error;
}

/**
 * The training step: reads the data window and runs the CPU-bound job (features, fitting, ONNX export, champion
 * re-scoring) in a worker thread, one per retrain, so that the predictor keeps answering while it trains. A provider
 * of its own so that tests can put a deliberately worse trainer in its place.
 */
@Injectable()
export class ModelTrainer implements OnModuleDestroy {
  private readonly running = new Set<Worker>();

  train(request: TrainingRequest, onPhase: (phase: TrainingWorkerPhase) => void = () => undefined): Promise<TrainingJobOutput> {
    return new Promise((resolve, reject) => {
      const worker = new Worker(WORKER_ENTRY, { workerData: request, execArgv: WORKER_EXEC_ARGV });
      this.running.add(worker);
      let settled = false;
      const settle = (outcome: () => void) => {
        if (settled) return;
        settled = true;
        this.running.delete(worker);
        outcome();
      };
      worker.on('message', (message: TrainingWorkerMessage) => {
        if (message.type === 'phase') onPhase(message.phase);
        else if (message.type === 'done') settle(() => resolve(message.output));
        else settle(() => reject(errorOf(message)));
      });
      worker.on('error', (error) => settle(() => reject(error)));
      worker.on('exit', (code) => settle(() => reject(new Error(`training worker exited with code ${code} before its result`))));
    });
  }

  /** A retrain still running at shutdown is abandoned (its version stays rejected as failed). */
  async onModuleDestroy(): Promise<void> {
    await Promise.all([...this.running].map((worker) => worker.terminate()));
  }
}
