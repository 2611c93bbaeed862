import type { LibraryCosts } from './library-costs';
import { preloadCut } from './library-costs';
import type { LibraryExampleSet } from './library-features';
import type { LibraryScorer } from './library-model';

export interface LibraryMetrics {
  decisions: number;
  candidates: number;
  /** of the preload set chosen at the cost cut */
  precision: number;
  recall: number;
  preloaded: number;
  misses: number;
  unusedPreloads: number;
  /** mean cost of the preload decisions per endpoint window, ms */
  costPerWindowMs: number;
  logLoss: number;
  brier: number;
  cut: number;
}

/**
 * Scores held-out examples: the preload set is every candidate above the cost cut; a library loaded in the window but
 * not preloaded (including libraries that were no candidate at all) is a miss.
 */
export function evaluateLibraries(examples: LibraryExampleSet, scorer: LibraryScorer, costs: LibraryCosts): LibraryMetrics {
  const cut = preloadCut(costs);
  let truePositives = 0;
  let falsePositives = 0;
  let logLoss = 0;
  let brier = 0;
  const hits = new Array<number>(examples.decisions.length).fill(0);
  for (let i = 0; i < examples.labels.length; i++) {
    const p = scorer(examples.features[i]);
    const label = examples.labels[i];
    if (p > cut) {
      if (label === 1) {
        truePositives += 1;
        hits[examples.decision[i]] += 1;
      } else falsePositives += 1;
    }
    const q = Math.min(1 - 1e-6, Math.max(1e-6, p));
    logLoss -= label === 1 ? Math.log(q) : Math.log(1 - q);
    brier += (p - label) ** 2;
  }
  let loaded = 0;
  for (const decision of examples.decisions) loaded += decision.loaded.size;
  const misses = loaded - truePositives;
  const preloaded = truePositives + falsePositives;
  const n = examples.labels.length;
  const decisions = examples.decisions.length;
  return {
    decisions,
    candidates: n,
    precision: preloaded === 0 ? 1 : truePositives / preloaded,
    recall: loaded === 0 ? 1 : truePositives / loaded,
    preloaded,
    misses,
    unusedPreloads: falsePositives,
    costPerWindowMs: decisions === 0 ? 0 : (misses * costs.lateLoadMs + falsePositives * costs.unusedPreloadMs) / decisions,
    logLoss: n === 0 ? 0 : logLoss / n,
    brier: n === 0 ? 0 : brier / n,
    cut,
  };
}
