/**
 * @jest-environment ./libs/runtime-model/test/onnx-test-environment.js
 */
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { PrismaPg } from '@prisma/adapter-pg';
import type { RollupRow } from '@tailor/contracts';
import { PrismaClient } from '@tailor/prisma';
import {
  evaluateOnHoldout,
  exportRuntimeModel,
  trainingDataOf,
  type TrainingJobOutput,
} from '@tailor/runtime-model';
import {
  createHttpApp,
  createTestDatabase,
  storeRollups,
  syntheticWorkload,
  TestDatabase,
  traceFixtureDir,
  uniqueNamespace,
} from '@tailor/testing';
import request from 'supertest';

import { ForecastService } from '../src/forecast/forecast.service';
import { ModelRegistryService } from '../src/models/model-registry.service';
import { ModelTrainer } from '../src/training/model-trainer';
import type { TrainingRequest, TrainingWorkerPhase } from '../src/training/training-worker-message';
import { RetrainService } from '../src/training/retrain.service';

/**
 * The real trainer (its worker thread), or one whose served library decisions say "never loaded" to everything (a
 * worse challenger: all misses, scored on the rows the test stored). It says while its worker reads and trains, so
 * that the test can count the requests answered meanwhile.
 */
class SwitchableTrainer extends ModelTrainer {
  worse = false;
  training = false;
  rows: { hour: RollupRow[]; minute: RollupRow[] } = { hour: [], minute: [] };

  override async train(request: TrainingRequest, onPhase?: (phase: TrainingWorkerPhase) => void): Promise<TrainingJobOutput> {
    this.training = true;
    let trained: TrainingJobOutput;
    try {
      trained = await super.train(request, onPhase);
    } finally {
      this.training = false;
    }
    if (!this.worse) return trained;
    const library = { ...trained.bundle.library, coefficients: trained.bundle.library.coefficients.map(() => 0), intercept: -10 };
    const bundle = { ...trained.bundle, library, libraryPolicy: 'model' as const };
    const data = trainingDataOf({ ...request, windowRows: this.rows.hour, minuteRows: this.rows.minute, feedback: [] });
    const holdout = evaluateOnHoldout(bundle, data, trained.split);
    return {
      ...trained,
      bundle,
      artifact: exportRuntimeModel(bundle),
      metrics: {
        ...trained.metrics,
        library: { ...trained.metrics.library, model: holdout.library, served: { policy: 'model', costPerWindowMs: holdout.library.costPerWindowMs } },
      },
    };
  }
}


async function waitForJob(app: NestFastifyApplication, jobId: string): Promise<request.Response['body']> {
  for (;;) {
    const status = await request(app.getHttpServer()).get(`/v1/models/retrain/${jobId}`).expect(200);
    if (status.body.state === 'completed' || status.body.state === 'failed') return status.body;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('predictor models (registry, retrain, serving)', () => {
  const namespace = uniqueNamespace('predictor-models');
  const trainer = new SwitchableTrainer();
  let database: TestDatabase;
  let prisma: PrismaClient;
  let app: NestFastifyApplication;
  let known: { applicationId: string; endpointId: string; peakMb: number };

  beforeAll(async () => {
    database = await createTestDatabase();
    prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: database.url }) });
    // real Azure 2019 arrivals, memory and durations ending at the last full hour (so that the hour rollups, and with them
    // the held-out windows, are the same in every run); synthetic library usage of real npm packages
    const workload = await syntheticWorkload({
      traceDir: traceFixtureDir('azure-functions-2019'),
      trace2021File: `${traceFixtureDir('azure-functions-2021')}/invocations-first199.csv`,
      copies: 2,
      endMs: Math.floor(Date.now() / 3_600_000) * 3_600_000,
    });
    await storeRollups(prisma, workload);
    trainer.rows = { hour: workload.hourRows, minute: workload.minuteRows };
    const busiest = [...workload.hourRows].sort((a, b) => b.invocations - a.invocations)[0];
    known = {
      applicationId: busiest.applicationId,
      endpointId: busiest.endpointId,
      peakMb: Math.max(...workload.hourRows.filter((r) => r.endpointId === busiest.endpointId && r.applicationId === busiest.applicationId).map((r) => Number(r.peakRssMax) / 2 ** 20)),
    };

    Object.assign(process.env, {
      DATABASE_URL: database.url,
      TAILOR_NAMESPACE: namespace,
      LOG_LEVEL: 'warn',
      MODEL_TRAINING_DAYS: '1',
      MODEL_WINDOW_MINUTES: '60',
      RETRAIN_CRON: '0 3 * * *',
    });
    const { AppModule } = await import('../src/app.module');
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).overrideProvider(ModelTrainer).useValue(trainer).compile();
    app = await createHttpApp(moduleRef, { name: 'predictor', description: 'e2e' }, { bodyLimitBytes: 64 * 1024 });
  });

  afterAll(async () => {
    await app?.close();
    await prisma?.$disconnect();
    await database?.drop();
  });

  const profileOf = (applicationId: string, endpointId: string) =>
    request(app.getHttpServer()).get(`/v1/profiles/${encodeURIComponent(applicationId)}/${encodeURIComponent(endpointId)}`);

  describe('GET /v1/profiles/:applicationId/:endpointId', () => {
    it('should serve the default profile, flagged so, while no model is trained', async () => {
      const response = await profileOf(known.applicationId, known.endpointId).expect(200);
      expect(response.body).toMatchObject({ source: 'default', modelVersion: null, profile: { memoryMb: 256, cpuMillis: 500 } });
    });
  });

  describe('POST /v1/models/retrain', () => {
    it('should retrain once, promote the model that beats the baselines, and drop no request meanwhile', async () => {
      const first = await request(app.getHttpServer()).post('/v1/models/retrain').expect(202);
      const second = await request(app.getHttpServer()).post('/v1/models/retrain').expect(202);
      expect(second.body).toEqual({ jobId: first.body.jobId, alreadyQueued: true });

      const sources = new Set<string>();
      let served = 0;
      let servedWhileTraining = 0;
      let done = false;
      const load = (async () => {
        while (!done) {
          const responses = await Promise.all([0, 1, 2, 3].map(() => profileOf(known.applicationId, known.endpointId)));
          // answered while the trainer's worker was still fitting: training does not hold the event loop
          if (trainer.training) servedWhileTraining += responses.length;
          for (const response of responses) {
            expect(response.status).toBe(200);
            sources.add(`${response.body.source}:${response.body.modelVersion}`);
            served += 1;
          }
        }
      })();
      const status = await waitForJob(app, first.body.jobId);
      done = true;
      await load;
      // a few more after the swap
      for (let i = 0; i < 4; i++) sources.add(`${(await profileOf(known.applicationId, known.endpointId).expect(200)).body.source}:runtime-profile@1`);

      expect(status).toMatchObject({ state: 'completed', requestedBy: 'api', progress: { phase: 'done', percent: 100 }, result: { outcome: 'promoted', version: 1 } });
      expect(status.result.holdoutCostMs.model).toBeLessThan(status.result.holdoutCostMs.frequency);
      // the version serves the best of its learned head and the baselines on the held-out windows
      const { served: servedCost, model, frequency, recency, preloadAll } = status.result.holdoutCostMs;
      expect(servedCost).toBe(Math.min(model, frequency, recency, preloadAll));
      expect(served).toBeGreaterThan(0);
      expect(servedWhileTraining).toBeGreaterThan(0);
      expect(sources).toContain('model:runtime-profile@1');
    });

    it('should serve the endpoint a model profile with per-field confidence, sized to at least what was observed', async () => {
      const { body } = await profileOf(known.applicationId, known.endpointId).expect(200);
      expect(body).toMatchObject({ source: 'model', modelVersion: 'runtime-profile@1' });
      expect(body.profile.memoryMb % 64).toBe(0);
      expect(body.profile.memoryMb).toBeGreaterThanOrEqual(known.peakMb);
      expect(body.profile.cpuMillis % 50).toBe(0);
      expect(body.profile.libraries.length).toBeGreaterThan(0);
      expect(body.profile.preload.every((name: string) => body.profile.libraries.some((l: { name: string }) => l.name === name))).toBe(true);
      for (const field of ['libraries', 'preload', 'memoryMb', 'cpuMillis', 'warmPool']) {
        expect(body.confidence[field]).toBeGreaterThanOrEqual(0);
        expect(body.confidence[field]).toBeLessThanOrEqual(1);
      }
      expect(body.confidence.memoryMb).toBeGreaterThan(0.5);
    });

    it('should take the library decisions the registry records for the champion (its head, or the baseline that beat it)', async () => {
      const [champion] = (await request(app.getHttpServer()).get('/v1/models').expect(200)).body;
      const policy: string = champion.metrics.library.served.policy;
      expect(champion.statusReason).toContain(policy === 'model' ? 'learned library head' : `${policy} baseline's library decisions`);
      const { body } = await profileOf(known.applicationId, known.endpointId).expect(200);
      const probabilities = Object.values<number>(body.libraryProbabilities);
      if (policy === 'preload-all') {
        expect(probabilities.every((p) => p === 1)).toBe(true);
        expect(body.profile.preload).toHaveLength(probabilities.length);
      } else if (policy !== 'model') {
        expect(probabilities.every((p) => p >= 0 && p <= 1)).toBe(true);
      }
    });

    it('should flag an endpoint the model has no data for as default', async () => {
      const { body } = await profileOf('shop', 'GET /never-seen').expect(200);
      expect(body).toMatchObject({ source: 'default', modelVersion: null, profile: { memoryMb: 256, cpuMillis: 500 } });
    });

    it('should not promote a worse challenger: it is rejected with the reason and the champion keeps serving', async () => {
      trainer.worse = true;
      try {
        const { body } = await request(app.getHttpServer()).post('/v1/models/retrain').expect(202);
        const status = await waitForJob(app, body.jobId);
        expect(status.result).toMatchObject({ outcome: 'rejected', version: 2 });
        expect(status.result.reason).toMatch(/does not beat/);
      } finally {
        trainer.worse = false;
      }
      const models = await request(app.getHttpServer()).get('/v1/models').expect(200);
      expect(models.body.map((m: { version: number; status: string; serving: boolean }) => [m.version, m.status, m.serving])).toEqual([
        [2, 'rejected', false],
        [1, 'champion', true],
      ]);
      expect((await profileOf(known.applicationId, known.endpointId).expect(200)).body.modelVersion).toBe('runtime-profile@1');
    });

    it('should never run two retrains at once', async () => {
      const retrain = app.get(RetrainService);
      const outcomes = await Promise.all([retrain.run({ requestedBy: 'api' }), retrain.run({ requestedBy: 'schedule' })]);
      expect(outcomes.map((o) => o.outcome).sort()).toEqual(expect.arrayContaining(['skipped']));
      expect(outcomes.find((o) => o.outcome === 'skipped')?.reason).toBe('another retrain is running');
    });
  });

  describe('GET /v1/models/retrain/:jobId', () => {
    it('should answer 404 for an unknown job', async () => {
      const { body } = await request(app.getHttpServer()).get('/v1/models/retrain/no-such-job').expect(404);
      expect(body.code).toBe('RETRAIN_JOB_NOT_FOUND');
    });
  });

  describe(ModelRegistryService.name, () => {
    it('should refuse a champion whose model file is bad, with the reason, and keep serving the previous model', async () => {
      const registry = app.get(ModelRegistryService);
      const serving = registry.serving?.label;
      await prisma.modelVersion.updateMany({ where: { status: 'champion' }, data: { status: 'retired' } });
      const bad = await prisma.modelVersion.create({
        data: { kind: 'runtime-profile', version: 100, status: 'champion', artifact: Buffer.from('this is not an onnx file') },
      });
      await registry.refresh();
      const row = await prisma.modelVersion.findUniqueOrThrow({ where: { id: bad.id } });
      expect(row.status).toBe('rejected');
      expect(row.statusReason).toMatch(/not an ONNX model|not a Tailor runtime model/);
      expect(registry.serving?.label).toBe(serving);
    });
  });

  describe(ForecastService.name, () => {
    it('should forecast every active endpoint for each coming minute in one batch', async () => {
      const reply = await app.get(ForecastService).forecast(10);
      expect(reply.endpoints.length).toBeGreaterThan(10);
      expect(reply.horizonMinutes).toBe(10);
      for (const endpoint of reply.endpoints) {
        expect(endpoint.probabilities).toHaveLength(10);
        expect(endpoint.probabilities.every((p) => p >= 0 && p <= 1)).toBe(true);
        expect(endpoint.expectedConcurrency).toBeGreaterThanOrEqual(1);
      }
      expect(reply.source === 'model' ? reply.modelVersion : null).toBe(reply.source === 'model' ? 'runtime-profile@1' : null);
    });
  });
});
