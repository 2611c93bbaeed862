/**
 * @jest-environment ./libs/runtime-model/test/onnx-test-environment.js
 */
import { predictProbability } from '@tailor/ml';
import { syntheticWorkload, traceFixtureDir } from '@tailor/testing';
import { ARRIVAL_FEATURE_COUNT } from '@tailor/warm-policy';
import { onnx } from 'onnx-proto';

import { ArrivalTracker } from '../arrival/arrival-tracker';
import { arrivalSeriesFromRollups } from '../arrival/arrival-series';
import { buildHistories, byApplication } from '../history/endpoint-history';
import { DEFAULT_LIBRARY_COSTS } from '../libraries/library-costs';
import { LIBRARY_FEATURE_COUNT, libraryExamples } from '../libraries/library-features';
import { DEFAULT_TRAINING_OPTIONS, trainRuntimeModel } from '../training/train-runtime-model';
import { exportRuntimeModel } from './onnx-export';
import { OnnxRuntimeModel } from './onnx-runtime-model';
import { ModelArtifactError, type RuntimeModelBundle } from './runtime-model-bundle';

describe(OnnxRuntimeModel.name, () => {
  let trained: ReturnType<typeof trainRuntimeModel>;
  let workload: Awaited<ReturnType<typeof syntheticWorkload>>;

  beforeAll(async () => {
    // real Azure 2019 arrivals, memory and durations; synthetic library usage of real npm packages
    workload = await syntheticWorkload({
      traceDir: traceFixtureDir('azure-functions-2019'),
      trace2021File: `${traceFixtureDir('azure-functions-2021')}/invocations-first199.csv`,
      copies: 2,
      endMs: Date.UTC(2026, 0, 6),
    });
    const histories = buildHistories(workload.hourRows, 60);
    trained = trainRuntimeModel(
      { histories, arrivals: arrivalSeriesFromRollups(workload.minuteRows), windowMinutes: 60, from: workload.from, to: workload.to },
      { ...DEFAULT_TRAINING_OPTIONS, costs: DEFAULT_LIBRARY_COSTS },
    );
  });

  describe('load', () => {
    it('should give the TypeScript model’s probabilities for the trained library and arrival heads', async () => {
      const model = await OnnxRuntimeModel.load(trained.artifact);
      try {
        const histories = buildHistories(workload.hourRows, 60);
        const examples = libraryExamples(histories.values(), byApplication(histories.values()), trained.split.splitWindow, trained.split.toWindow);
        const count = examples.labels.length;
        const library = await model.run('library', examples.rows, count);
        let worst = 0;
        for (let i = 0; i < count; i++) {
          const expected = predictProbability(trained.bundle.library, examples.rows.subarray(i * LIBRARY_FEATURE_COUNT, (i + 1) * LIBRARY_FEATURE_COUNT));
          worst = Math.max(worst, Math.abs(expected - library[i]));
        }
        expect(count).toBeGreaterThan(100);
        expect(worst).toBeLessThan(1e-5);

        expect(trained.bundle.arrival).toBeDefined();
        const arrivalWeights = trained.bundle.arrival as NonNullable<RuntimeModelBundle['arrival']>;
        const tracker = new ArrivalTracker();
        for (const row of workload.minuteRows) {
          tracker.record(row.applicationId, row.endpointId, Math.floor(Number(row.bucketStart) / 60_000), row.invocations, row.executionTimeSum);
        }
        const keys = tracker.active(Number.NEGATIVE_INFINITY).map((e) => e.key);
        const horizon = 10;
        const rows = tracker.features(keys, Math.floor(workload.to / 60_000), horizon);
        const arrival = await model.run('arrival', rows, keys.length * horizon);
        let worstArrival = 0;
        for (let i = 0; i < keys.length * horizon; i++) {
          const expected = predictProbability(arrivalWeights, rows.subarray(i * ARRIVAL_FEATURE_COUNT, (i + 1) * ARRIVAL_FEATURE_COUNT));
          worstArrival = Math.max(worstArrival, Math.abs(expected - arrival[i]));
        }
        expect(worstArrival).toBeLessThan(1e-5);
      } finally {
        await model.release();
      }
    });

    const refusal = async (bytes: Uint8Array): Promise<string> => {
      const error = await OnnxRuntimeModel.load(bytes).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ModelArtifactError);
      return (error as ModelArtifactError).reason;
    };

    it('should refuse an empty file, garbage and a truncated model with a reason', async () => {
      expect(await refusal(new Uint8Array(0))).toBe('empty model file');
      expect(await refusal(Buffer.from('definitely not a model'))).toMatch(/not an ONNX model|not a Tailor runtime model/);
      expect(await refusal(trained.artifact.subarray(0, trained.artifact.length - 40))).toMatch(/not an ONNX model|missing|cannot/);
    });

    it('should refuse an ONNX model that is not a Tailor runtime model', async () => {
      const foreign = onnx.ModelProto.encode(onnx.ModelProto.create({ irVersion: 8, graph: { name: 'other' } })).finish();
      expect(await refusal(foreign)).toBe('not a Tailor runtime model (no tailor.format metadata)');
    });

    it('should refuse a model trained on other features or holding non-finite weights', async () => {
      const narrower = { ...trained.bundle.library, featureNames: trained.bundle.library.featureNames.slice(1) };
      expect(await refusal(exportRuntimeModel({ ...trained.bundle, library: narrower }))).toMatch(/library features of the model \(11\) differ/);
      const broken = { ...trained.bundle.library, coefficients: trained.bundle.library.coefficients.map((c, i) => (i === 0 ? Number.NaN : c)) };
      expect(await refusal(exportRuntimeModel({ ...trained.bundle, library: broken }))).toMatch(/not a finite number/);
      expect(await refusal(exportRuntimeModel({ ...trained.bundle, resources: { ...trained.bundle.resources, memoryFactor: 0.5 } }))).toMatch(
        /below 1/,
      );
    });
  });
});
