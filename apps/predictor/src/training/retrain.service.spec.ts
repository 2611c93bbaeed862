import { databaseConfig } from '@tailor/config';
import {
  InsufficientDataError,
  type LibraryMetrics,
  ModelArtifactError,
  type ModelMetrics,
  type TrainingJobOutput,
} from '@tailor/runtime-model';
import type { PinoLogger } from 'nestjs-pino';

import { libraryCostsConfig, trainingConfig } from '../config/predictor-config.groups';
import type { PredictorEnv } from '../config/predictor-env.schema';
import type { ModelRegistryService } from '../models/model-registry.service';
import type { ModelVersionRepository } from '../models/model-version.repository';
import type { ServingModel } from '../models/serving-model';
import type { ModelTrainer } from './model-trainer';
import type { RetrainLock } from './retrain-lock';
import { RetrainService } from './retrain.service';
import type { TrainingRequest } from './training-worker-message';

const ENV: Partial<PredictorEnv> = {
  DATABASE_URL: 'postgres://unused',
  MODEL_WINDOW_MINUTES: 60,
  MODEL_TRAINING_DAYS: 7,
  MODEL_HOLDOUT_FRACTION: 0.25,
  MODEL_MIN_EXAMPLES: 50,
  LIBRARY_LATE_LOAD_COST_MS: 40,
  LIBRARY_UNUSED_PRELOAD_COST_MS: 20,
  LIBRARY_MISSING_INSTALL_COST_MS: 1500,
  LIBRARY_UNUSED_INSTALL_COST_MS: 10,
};

const cost = (costPerWindowMs: number) => ({ costPerWindowMs }) as LibraryMetrics;

/** A trained version whose served decisions cost `served` ms per window against baselines at 9 ms. */
function trained(served: number, champion?: number): TrainingJobOutput {
  const metrics = {
    trainingMs: 12,
    library: {
      model: cost(served),
      frequency: cost(9),
      recency: cost(9),
      preloadAll: cost(9),
      served: { policy: 'model', costPerWindowMs: served },
    },
  } as ModelMetrics;
  return {
    artifact: Uint8Array.of(1, 2, 3),
    metrics,
    champion: champion === undefined ? undefined : { version: 1, holdout: { library: cost(champion) } },
  } as TrainingJobOutput;
}

function service(options: {
  train: () => Promise<TrainingJobOutput>;
  leased?: boolean;
  champion?: { id: string; version: number; artifact: Uint8Array | null };
}) {
  const versions = {
    createTraining: jest.fn(async () => ({ id: 'v2', version: 2 })),
    champion: jest.fn(async () => options.champion ?? null),
    markCandidate: jest.fn(async () => undefined),
    reject: jest.fn(async () => undefined),
    promote: jest.fn(async () => undefined),
  };
  const prepared = { id: 'v2' } as ServingModel;
  const registry = { prepare: jest.fn(async () => prepared), install: jest.fn(async () => undefined) };
  const trainer = { train: jest.fn((_request: TrainingRequest) => options.train()) };
  const lock = {
    run: jest.fn(async <T>(work: () => Promise<T>) => (options.leased === false ? undefined : { value: await work() })),
  };
  const logger = { info: jest.fn() };
  const retrain = new RetrainService(
    versions as unknown as ModelVersionRepository,
    registry as unknown as ModelRegistryService,
    trainer as unknown as ModelTrainer,
    lock as unknown as RetrainLock,
    trainingConfig.select(ENV as PredictorEnv),
    libraryCostsConfig.select(ENV as PredictorEnv),
    databaseConfig.select(ENV as PredictorEnv),
    logger as unknown as PinoLogger,
  );
  return { retrain, versions, registry, trainer, prepared };
}

const JOB = { requestedBy: 'api' as const };

describe(RetrainService.name, () => {
  describe('run', () => {
    it('should promote a version that beats the baselines and the champion, loading it before it is promoted', async () => {
      const { retrain, versions, registry, prepared } = service({ train: async () => trained(5, 6) });
      const result = await retrain.run(JOB);
      expect(result).toMatchObject({
        outcome: 'promoted',
        modelVersionId: 'v2',
        version: 2,
        holdoutCostMs: { served: 5, champion: 6 },
      });
      expect(registry.prepare).toHaveBeenCalledWith('v2', 2, Uint8Array.of(1, 2, 3), expect.anything());
      expect(versions.promote).toHaveBeenCalledWith(
        'v2',
        result.reason,
        expect.objectContaining({ champion: expect.anything() }),
      );
      expect(registry.install).toHaveBeenCalledWith(prepared);
      expect(registry.prepare.mock.invocationCallOrder[0]).toBeLessThan(versions.promote.mock.invocationCallOrder[0]);
    });

    it('should reject a version that does not beat the champion on the same windows, and keep serving the champion', async () => {
      const { retrain, versions, registry } = service({ train: async () => trained(7, 6) });
      const result = await retrain.run(JOB);
      expect(result).toMatchObject({ outcome: 'rejected', reason: expect.stringMatching(/does not beat champion v1/) });
      expect(versions.reject).toHaveBeenCalledWith('v2', result.reason, expect.anything());
      expect(registry.prepare).not.toHaveBeenCalled();
      expect(versions.promote).not.toHaveBeenCalled();
    });

    it('should reject a version that does not beat a baseline', async () => {
      const { retrain, versions } = service({ train: async () => trained(9.5) });
      const result = await retrain.run(JOB);
      expect(result).toMatchObject({
        outcome: 'rejected',
        reason: expect.stringMatching(/does not beat the frequency baseline/),
      });
      expect(versions.promote).not.toHaveBeenCalled();
    });

    it('should never promote a file onnxruntime refuses', async () => {
      const { retrain, versions, registry } = service({ train: async () => trained(5) });
      registry.prepare.mockRejectedValueOnce(new ModelArtifactError('opset 99'));
      const result = await retrain.run(JOB);
      expect(result).toMatchObject({ outcome: 'rejected', reason: 'opset 99' });
      expect(versions.promote).not.toHaveBeenCalled();
      expect(registry.install).not.toHaveBeenCalled();
    });

    it('should reject the version, without failing, when there is too little data', async () => {
      const { retrain, versions } = service({
        train: async () => {
          throw new InsufficientDataError('12 library examples, 50 needed');
        },
      });
      await expect(retrain.run(JOB)).resolves.toMatchObject({
        outcome: 'rejected',
        reason: '12 library examples, 50 needed',
      });
      expect(versions.reject).toHaveBeenCalledWith('v2', '12 library examples, 50 needed');
    });

    it('should mark the version rejected and fail when training fails', async () => {
      const { retrain, versions } = service({
        train: async () => {
          throw new Error('worker exited');
        },
      });
      await expect(retrain.run(JOB)).rejects.toThrow('worker exited');
      expect(versions.reject).toHaveBeenCalledWith('v2', 'training failed: worker exited');
    });

    it('should skip when another retrain holds the lease', async () => {
      const { retrain, trainer } = service({ train: async () => trained(5), leased: false });
      await expect(retrain.run(JOB)).resolves.toEqual({ outcome: 'skipped', reason: 'another retrain is running' });
      expect(trainer.train).not.toHaveBeenCalled();
    });

    it('should re-score the champion’s file on the new windows, and only a champion that has one', async () => {
      const artifact = Uint8Array.of(9);
      const withFile = service({ train: async () => trained(5), champion: { id: 'v1', version: 1, artifact } });
      await withFile.retrain.run(JOB);
      expect(withFile.trainer.train.mock.calls[0][0]).toMatchObject({ champion: { version: 1, artifact } });
      const withoutFile = service({
        train: async () => trained(5),
        champion: { id: 'v1', version: 1, artifact: null },
      });
      await withoutFile.retrain.run(JOB);
      expect(withoutFile.trainer.train.mock.calls[0][0]).toMatchObject({ champion: undefined });
    });
  });
});
