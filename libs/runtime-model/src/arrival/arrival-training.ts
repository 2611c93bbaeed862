import type { LogisticModelWeights } from '@tailor/ml';
import { ArrivalForecaster } from '@tailor/warm-policy';

import type { ArrivalSeries } from './arrival-series';

/** Memory of a function for the forecaster's bookkeeping (not used by the probability itself). */
const NOMINAL_MEMORY_MB = 256;

export interface ArrivalScore {
  minutes: number;
  logLoss: number;
  brier: number;
}

/**
 * Replays minutes `[from, to)` of the series through the warm-policy lib's ArrivalForecaster (the arrival model and
 * its features are theirs): each minute is forecast for every endpoint seen so far, then its invocations observed.
 * Minutes at or after `scoreFrom` are scored.
 */
export function replayArrivals(series: readonly ArrivalSeries[], from: number, to: number, forecaster: ArrivalForecaster, scoreFrom = to): ArrivalScore {
  for (const s of series) {
    forecaster.register({ key: s.key, appKey: s.applicationId, trigger: s.trigger, memoryMb: NOMINAL_MEMORY_MB, durationMs: s.durationMs });
  }
  const cursors = new Int32Array(series.length);
  series.forEach((s, i) => {
    let c = 0;
    while (c < s.minutes.length && s.minutes[c] < from) c++;
    cursors[i] = c;
  });
  const seen = new Uint8Array(series.length);
  let scored = 0;
  let logLoss = 0;
  let brier = 0;
  for (let minute = from; minute < to; minute++) {
    for (let i = 0; i < series.length; i++) {
      if (!seen[i]) continue;
      const p = forecaster.probability(series[i].key, minute);
      if (minute >= scoreFrom) {
        const s = series[i];
        const label = cursors[i] < s.minutes.length && s.minutes[cursors[i]] === minute ? 1 : 0;
        const q = Math.min(1 - 1e-6, Math.max(1e-6, p));
        logLoss -= label ? Math.log(q) : Math.log(1 - q);
        brier += (p - label) ** 2;
        scored += 1;
      }
    }
    for (let i = 0; i < series.length; i++) {
      const s = series[i];
      if (cursors[i] < s.minutes.length && s.minutes[cursors[i]] === minute) {
        forecaster.observe(s.key, minute, s.counts[cursors[i]]);
        seen[i] = 1;
        cursors[i] += 1;
      }
    }
  }
  return { minutes: scored, logLoss: scored === 0 ? 0 : logLoss / scored, brier: scored === 0 ? 0 : brier / scored };
}

/** Trains the arrival model on minutes `[from, to)`; undefined when there are too few examples (under 100). */
export function trainArrivalModel(series: readonly ArrivalSeries[], from: number, to: number): LogisticModelWeights | undefined {
  const forecaster = new ArrivalForecaster({ retrainEveryMinutes: Number.POSITIVE_INFINITY });
  replayArrivals(series, from, to, forecaster);
  forecaster.retrain();
  return forecaster.weights;
}

/** Scores minutes `[split, to)` with the given weights (or the empirical hazard when none), after replaying from `from`. */
export function evaluateArrivals(series: readonly ArrivalSeries[], from: number, split: number, to: number, weights?: LogisticModelWeights): ArrivalScore {
  const forecaster = new ArrivalForecaster({ retrainEveryMinutes: Number.POSITIVE_INFINITY, initialWeights: weights, reservoirSize: 1 });
  return replayArrivals(series, from, to, forecaster, split);
}
