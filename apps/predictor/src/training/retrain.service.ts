import { Injectable } from '@nestjs/common';
import { type DatabaseConfig, databaseConfig, InjectConfig } from '@tailor/config';
import type { RetrainModelJob } from '@tailor/contracts';
import {
  InsufficientDataError,
  type LibraryCosts,
  ModelArtifactError,
  promotionDecision,
  type TrainingOptions,
} from '@tailor/runtime-model';
import { PinoLogger } from 'nestjs-pino';

import { libraryCostsConfig, type TrainingConfig, trainingConfig } from '../config/predictor-config.groups';
import { ModelRegistryService } from '../models/model-registry.service';
import { ModelVersionRepository } from '../models/model-version.repository';
import { ModelTrainer } from './model-trainer';
import { RetrainLock } from './retrain-lock';
import type { TrainingWorkerPhase } from './training-worker-message';

export interface RetrainProgress {
  phase: 'loading-data' | 'training' | 'evaluating' | 'promoting' | 'done';
  percent: number;
}

export interface RetrainResult {
  outcome: 'promoted' | 'rejected' | 'skipped';
  reason: string;
  modelVersionId?: string;
  version?: number;
  trainingMs?: number;
  /** held-out library cost per window of the new model, the champion (if any) and the baselines */
  holdoutCostMs?: { served: number; model: number; champion?: number; frequency: number; recency: number; preloadAll: number };
}

const PHASE_PERCENT: Record<TrainingWorkerPhase, number> = { 'loading-data': 5, training: 20, evaluating: 70 };

/**
 * One retrain: the rollups and feedback of the last MODEL_TRAINING_DAYS, a new model version trained and evaluated
 * on the later held-out windows (read and trained in a worker thread: serving goes on meanwhile), promoted only when the decisions it
 * serves beat the champion (re-scored on the same windows) and the baselines, then swapped in. Under a Redis lease: a
 * retrain never runs twice at once.
 */
@Injectable()
export class RetrainService {
  constructor(
    private readonly versions: ModelVersionRepository,
    private readonly registry: ModelRegistryService,
    private readonly trainer: ModelTrainer,
    private readonly lock: RetrainLock,
    @InjectConfig(trainingConfig) private readonly training: TrainingConfig,
    @InjectConfig(libraryCostsConfig) private readonly libraryCosts: LibraryCosts,
    @InjectConfig(databaseConfig) private readonly database: DatabaseConfig,
    private readonly logger: PinoLogger,
  ) {}

  async run(job: RetrainModelJob, progress: (p: RetrainProgress) => Promise<void> = async () => undefined): Promise<RetrainResult> {
    const leased = await this.lock.run(() => this.retrain(progress));
    if (!leased) return { outcome: 'skipped', reason: 'another retrain is running' };
    this.logger.info({ requestedBy: job.requestedBy, ...leased.value }, 'retrain finished');
    return leased.value;
  }

  private async retrain(progress: (p: RetrainProgress) => Promise<void>): Promise<RetrainResult> {
    const windowMinutes = this.training.windowMinutes;
    const to = new Date();
    const from = new Date(to.getTime() - this.training.trainingDays * 86_400_000);
    const row = await this.versions.createTraining({ start: from, end: to });
    try {
      await progress({ phase: 'loading-data', percent: PHASE_PERCENT['loading-data'] });
      const options: TrainingOptions = {
        costs: this.libraryCosts,
        holdoutFraction: this.training.holdoutFraction,
        minExamples: this.training.minExamples,
        resourceQuantile: 0.99,
      };
      const champion = await this.versions.champion();
      let reported = Promise.resolve();
      const trained = await this.trainer.train(
        {
          databaseUrl: this.database.url,
          windowMinutes,
          from: from.getTime(),
          to: to.getTime(),
          options,
          champion: champion?.artifact && champion.id !== row.id ? { version: champion.version, artifact: champion.artifact } : undefined,
        },
        (phase) => {
          reported = reported.then(() => progress({ phase, percent: PHASE_PERCENT[phase] }));
        },
      );
      await reported;
      await this.versions.markCandidate(row.id, trained.metrics, trained.artifact);

      const decision = promotionDecision(trained.metrics, trained.champion);
      const metrics = { ...trained.metrics, champion: trained.champion ?? null };
      const { library } = trained.metrics;
      const holdoutCostMs = {
        served: library.served.costPerWindowMs,
        model: library.model.costPerWindowMs,
        champion: trained.champion?.holdout.library.costPerWindowMs,
        frequency: library.frequency.costPerWindowMs,
        recency: library.recency.costPerWindowMs,
        preloadAll: library.preloadAll.costPerWindowMs,
      };
      const summary = { modelVersionId: row.id, version: row.version, trainingMs: trained.metrics.trainingMs, holdoutCostMs };
      if (!decision.promote) {
        await this.versions.reject(row.id, decision.reason, metrics);
        await progress({ phase: 'done', percent: 100 });
        return { outcome: 'rejected', reason: decision.reason, ...summary };
      }
      await progress({ phase: 'promoting', percent: 90 });
      let prepared;
      try {
        // loaded before it is promoted: a file onnxruntime refuses is rejected and never becomes the champion
        prepared = await this.registry.prepare(row.id, row.version, trained.artifact, trained.metrics);
      } catch (error) {
        if (error instanceof ModelArtifactError) return { outcome: 'rejected', reason: error.reason, ...summary };
        throw error;
      }
      await this.versions.promote(row.id, decision.reason, metrics);
      await this.registry.install(prepared);
      await progress({ phase: 'done', percent: 100 });
      return { outcome: 'promoted', reason: decision.reason, ...summary };
    } catch (error) {
      if (error instanceof InsufficientDataError) {
        await this.versions.reject(row.id, error.message);
        return { outcome: 'rejected', reason: error.message, modelVersionId: row.id, version: row.version };
      }
      await this.versions.reject(row.id, `training failed: ${error instanceof Error ? error.message : String(error)}`);
      throw error;
    }
  }
}
