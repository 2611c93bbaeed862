import { DEFAULT_LIBRARY_COSTS, preloadCut } from './library-costs';
import { evaluateLibraries } from './library-evaluation';
import type { LibraryExampleSet } from './library-features';
import type { LibraryScorer } from './library-model';

/** Two endpoint windows: the first loaded express and lodash, the second loaded express and zod (zod no candidate). */
function examples(): LibraryExampleSet {
  const candidates = [
    { decision: 0, name: 'express', label: 1, score: 0.9 },
    { decision: 0, name: 'lodash', label: 1, score: 0.2 },
    { decision: 0, name: 'moment', label: 0, score: 0.6 },
    { decision: 1, name: 'express', label: 1, score: 0.8 },
    { decision: 1, name: 'moment', label: 0, score: 0.1 },
  ];
  return {
    rows: new Float32Array(0),
    features: candidates.map((c) => Float64Array.of(c.score)),
    labels: Uint8Array.from(candidates.map((c) => c.label)),
    decision: Int32Array.from(candidates.map((c) => c.decision)),
    decisions: [
      { key: 'a', window: 1, loaded: new Set(['express', 'lodash']), candidates: ['express', 'lodash', 'moment'] },
      { key: 'a', window: 2, loaded: new Set(['express', 'zod']), candidates: ['express', 'moment'] },
    ],
  };
}

const scoreOf: LibraryScorer = (features) => features[0];

describe(evaluateLibraries.name, () => {
  it('should preload the candidates above the cost cut and count every loaded library it did not preload as a miss', () => {
    const metrics = evaluateLibraries(examples(), scoreOf, DEFAULT_LIBRARY_COSTS);
    expect(metrics.cut).toBe(preloadCut(DEFAULT_LIBRARY_COSTS));
    // preloaded: express (twice) and moment (unused); missed: lodash (scored below the cut) and zod (no candidate)
    expect(metrics).toMatchObject({ decisions: 2, candidates: 5, preloaded: 3, unusedPreloads: 1, misses: 2 });
    expect(metrics.precision).toBeCloseTo(2 / 3, 12);
    expect(metrics.recall).toBeCloseTo(2 / 4, 12);
    expect(metrics.costPerWindowMs).toBeCloseTo((2 * 40 + 1 * 20) / 2, 12);
  });

  it('should score calibration by log-loss and Brier score over the candidates', () => {
    const metrics = evaluateLibraries(examples(), scoreOf, DEFAULT_LIBRARY_COSTS);
    const scored = [
      [0.9, 1],
      [0.2, 1],
      [0.6, 0],
      [0.8, 1],
      [0.1, 0],
    ];
    const logLoss = scored.reduce((sum, [p, y]) => sum - (y === 1 ? Math.log(p) : Math.log(1 - p)), 0) / scored.length;
    const brier = scored.reduce((sum, [p, y]) => sum + (p - y) ** 2, 0) / scored.length;
    expect(metrics.logLoss).toBeCloseTo(logLoss, 6);
    expect(metrics.brier).toBeCloseTo(brier, 12);
  });

  it('should move the preload set with the costs', () => {
    const metrics = evaluateLibraries(examples(), scoreOf, {
      ...DEFAULT_LIBRARY_COSTS,
      lateLoadMs: 80,
      unusedPreloadMs: 20,
    });
    // cut 0.2: lodash at exactly 0.2 stays out, moment at 0.6 in; then cut 0.9: express at exactly 0.9 stays out too
    expect(metrics).toMatchObject({ preloaded: 3, misses: 2 });
    const strict = evaluateLibraries(examples(), scoreOf, {
      ...DEFAULT_LIBRARY_COSTS,
      lateLoadMs: 10,
      unusedPreloadMs: 90,
    });
    expect(strict).toMatchObject({ preloaded: 0, misses: 4, precision: 1, recall: 0 });
  });
});
