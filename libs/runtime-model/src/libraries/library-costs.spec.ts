import { DEFAULT_LIBRARY_COSTS, installCut, type LibraryCosts, preloadCut } from './library-costs';

/** Expected cost of a decision for a library used with probability p. */
const preloadCost = (costs: LibraryCosts, p: number, preload: boolean) =>
  preload ? (1 - p) * costs.unusedPreloadMs : p * costs.lateLoadMs;
const installCost = (costs: LibraryCosts, p: number, install: boolean) =>
  install ? (1 - p) * costs.unusedInstallMs : p * costs.missingInstallMs;

describe(preloadCut.name, () => {
  it('should cut where a late load and an unused preload cost the same', () => {
    const cut = preloadCut(DEFAULT_LIBRARY_COSTS);
    expect(cut).toBeCloseTo(20 / 60, 12);
    expect(preloadCost(DEFAULT_LIBRARY_COSTS, cut, true)).toBeCloseTo(
      preloadCost(DEFAULT_LIBRARY_COSTS, cut, false),
      12,
    );
  });

  it('should preload exactly where preloading is the cheaper decision', () => {
    const cut = preloadCut(DEFAULT_LIBRARY_COSTS);
    for (const p of [0.01, 0.2, cut - 1e-6, cut + 1e-6, 0.5, 0.99]) {
      const cheaper = preloadCost(DEFAULT_LIBRARY_COSTS, p, true) < preloadCost(DEFAULT_LIBRARY_COSTS, p, false);
      expect(p > cut).toBe(cheaper);
    }
  });

  it('should preload more as late loads cost more', () => {
    expect(preloadCut({ ...DEFAULT_LIBRARY_COSTS, lateLoadMs: 400 })).toBeLessThan(preloadCut(DEFAULT_LIBRARY_COSTS));
  });
});

describe(installCut.name, () => {
  it('should install exactly where installing is the cheaper decision', () => {
    const cut = installCut(DEFAULT_LIBRARY_COSTS);
    expect(cut).toBeCloseTo(10 / 1510, 12);
    for (const p of [0.001, cut - 1e-6, cut + 1e-6, 0.05, 0.5]) {
      const cheaper = installCost(DEFAULT_LIBRARY_COSTS, p, true) < installCost(DEFAULT_LIBRARY_COSTS, p, false);
      expect(p > cut).toBe(cheaper);
    }
  });

  it('should install far more readily than preload, a missing install costing a trip to the generic runtime', () => {
    expect(installCut(DEFAULT_LIBRARY_COSTS)).toBeLessThan(preloadCut(DEFAULT_LIBRARY_COSTS) / 10);
  });
});
