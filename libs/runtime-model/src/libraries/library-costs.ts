/**
 * What a wrong library decision costs, in milliseconds of start or first-request time. A library that is installed
 * but not preloaded is loaded by the first request that needs it (`lateLoadMs`); a preloaded one nobody uses costs
 * start time and memory (`unusedPreloadMs`). A library not installed at all sends the request to the generic
 * runtime (`missingInstallMs`); an installed one nobody uses costs image size and build time (`unusedInstallMs`).
 */
export interface LibraryCosts {
  lateLoadMs: number;
  unusedPreloadMs: number;
  missingInstallMs: number;
  unusedInstallMs: number;
}

export const DEFAULT_LIBRARY_COSTS: LibraryCosts = { lateLoadMs: 40, unusedPreloadMs: 20, missingInstallMs: 1500, unusedInstallMs: 10 };

/** Preload when p·lateLoad > (1 − p)·unusedPreload: the cut that minimises the expected cost of calibrated p. */
export const preloadCut = (costs: LibraryCosts): number => costs.unusedPreloadMs / (costs.lateLoadMs + costs.unusedPreloadMs);

export const installCut = (costs: LibraryCosts): number => costs.unusedInstallMs / (costs.missingInstallMs + costs.unusedInstallMs);
