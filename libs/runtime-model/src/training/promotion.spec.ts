import type { LibraryMetrics } from '../libraries/library-evaluation';
import { exportRuntimeModel } from '../onnx/onnx-export';
import { readRuntimeModel } from '../onnx/onnx-import';
import { ModelArtifactError, type RuntimeModelBundle } from '../onnx/runtime-model-bundle';
import { LIBRARY_FEATURE_NAMES } from '../libraries/library-features';
import { DEFAULT_LIBRARY_COSTS } from '../libraries/library-costs';
import { promotionDecision } from './promotion';
import { chooseLibraryPolicy, type ModelMetrics } from './train-runtime-model';

const cost = (costPerWindowMs: number) => ({ costPerWindowMs }) as LibraryMetrics;

function metricsWith(costs: { model: number; frequency: number; recency: number; preloadAll: number }): ModelMetrics {
  const library = {
    model: cost(costs.model),
    frequency: cost(costs.frequency),
    recency: cost(costs.recency),
    preloadAll: cost(costs.preloadAll),
  };
  return { library: { ...library, served: chooseLibraryPolicy(library) } } as ModelMetrics;
}

describe(chooseLibraryPolicy.name, () => {
  it('should serve the learned head only when it costs less than every baseline', () => {
    expect(metricsWith({ model: 5, frequency: 9, recency: 8, preloadAll: 7 }).library.served).toEqual({
      policy: 'model',
      costPerWindowMs: 5,
    });
  });

  it('should serve the cheapest baseline when one beats or ties the learned head', () => {
    expect(metricsWith({ model: 7.58, frequency: 8.83, recency: 8.67, preloadAll: 6.88 }).library.served).toEqual({
      policy: 'preload-all',
      costPerWindowMs: 6.88,
    });
    expect(metricsWith({ model: 8, frequency: 8, recency: 9, preloadAll: 10 }).library.served).toEqual({
      policy: 'frequency',
      costPerWindowMs: 8,
    });
  });
});

describe(promotionDecision.name, () => {
  it('should promote a first version with the baseline that beat its head, naming it', () => {
    const decision = promotionDecision(metricsWith({ model: 7.58, frequency: 8.83, recency: 8.67, preloadAll: 6.88 }));
    expect(decision.promote).toBe(true);
    expect(decision.reason).toMatch(/preload-all baseline's library decisions/);
  });

  it('should reject a version that does not beat the champion re-scored on the same windows', () => {
    const decision = promotionDecision(metricsWith({ model: 7, frequency: 9, recency: 9, preloadAll: 8 }), {
      version: 3,
      holdout: { library: cost(6.5) },
    });
    expect(decision).toEqual({ promote: false, reason: expect.stringMatching(/does not beat champion v3/) });
  });

  it('should reject served decisions that cost more than a baseline (preload-all included)', () => {
    const metrics = metricsWith({ model: 7.58, frequency: 8.83, recency: 8.67, preloadAll: 6.88 });
    metrics.library.served = { policy: 'model', costPerWindowMs: 7.58 };
    expect(promotionDecision(metrics)).toEqual({
      promote: false,
      reason: expect.stringMatching(/does not beat the preload-all baseline/),
    });
  });
});

describe('library policy in the model file', () => {
  const bundle: RuntimeModelBundle = {
    library: {
      kind: 'logistic-regression',
      featureNames: [...LIBRARY_FEATURE_NAMES],
      means: LIBRARY_FEATURE_NAMES.map(() => 0),
      scales: LIBRARY_FEATURE_NAMES.map(() => 1),
      coefficients: LIBRARY_FEATURE_NAMES.map(() => 0.1),
      intercept: 0,
    },
    libraryPolicy: 'preload-all',
    resources: { quantile: 0.99, memoryFactor: 1.2, cpuFactor: 1.1 },
    costs: DEFAULT_LIBRARY_COSTS,
    windowMinutes: 60,
  };

  it('should travel through the ONNX metadata', () => {
    expect(readRuntimeModel(exportRuntimeModel(bundle)).libraryPolicy).toBe('preload-all');
  });

  it('should refuse an unknown policy with the reason', () => {
    expect(() => readRuntimeModel(exportRuntimeModel({ ...bundle, libraryPolicy: 'guess' as 'model' }))).toThrow(
      ModelArtifactError,
    );
  });
});
