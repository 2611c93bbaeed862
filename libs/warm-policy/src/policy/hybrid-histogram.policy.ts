import { concurrencyFor, FunctionRegistry } from './function-registry';
import { forecastNextIdleTime, IdleTimeHistogram } from './idle-time-histogram';
import type { DecideOptions, FunctionInfo, KeepWarmDecision, KeepWarmPolicy } from './keep-warm-policy';

/**
 * Parameters of the hybrid histogram policy. Defaults are the paper's (Shahrad et al., ATC'20, §4.2 and §5):
 * 4-hour range with 1-minute bins, head = 5th and tail = 99th percentile, 10% margin, CV threshold 2, and the
 * ARIMA windows at 85% / 115% of the predicted idle time (15% margin). `minSamples` makes "too few idle times to be
 * representative" explicit (the paper states the condition without a number); `outOfBoundThreshold` is the share of
 * out-of-bound idle times above which the ARIMA path is taken. Those two are ours, not fitted to a trace; BENCHMARKS.md
 * "Keep-warm replay" shows the comparison with 3…10 and 0.3…0.7 in their place.
 */
export interface HybridHistogramOptions {
  rangeMinutes: number;
  headPercentile: number;
  tailPercentile: number;
  histogramMargin: number;
  cvThreshold: number;
  minSamples: number;
  outOfBoundThreshold: number;
  arimaMargin: number;
  /** Keep-alive of the standard policy used while the histogram is not representative (the paper: the range). */
  fallbackKeepAliveMinutes: number;
}

export const DEFAULT_HYBRID_OPTIONS: HybridHistogramOptions = {
  rangeMinutes: 240,
  headPercentile: 0.05,
  tailPercentile: 0.99,
  histogramMargin: 0.1,
  cvThreshold: 2,
  minSamples: 5,
  outOfBoundThreshold: 0.5,
  arimaMargin: 0.15,
  fallbackKeepAliveMinutes: 240,
};

export type HybridPattern = 'standard' | 'histogram' | 'arima';

/** Loaded window after an invoked minute `m`: minutes `m+from … m+until` (from ≥ 1). */
export interface HybridWindow {
  pattern: HybridPattern;
  from: number;
  until: number;
}

interface HybridState {
  info: FunctionInfo;
  histogram: IdleTimeHistogram;
  lastInvoked: number;
  lastCount: number;
  window: HybridWindow;
}

/**
 * The hybrid histogram policy of Shahrad et al., "Serverless in the Wild" (USENIX ATC'20), §4.2: one idle-time
 * histogram per application; after each invocation the instance is unloaded and pre-warmed `head·(1−margin)` minutes
 * later, then kept alive until `tail·(1+margin)` minutes after the invocation. While the histogram is not
 * representative (too few idle times, or bin-count CV below the threshold) the standard keep-alive is used (no
 * pre-warm, keep-alive = the range); when most idle times are out of bound, an ARIMA-like forecast `p` of the next idle
 * time gives the window `[p·(1−0.15), p·(1+0.15)]`. Idle times are the gaps between invoked minutes of a function
 * (as in the per-function accounting of this replay), added to its application's histogram.
 */
export class HybridHistogramPolicy implements KeepWarmPolicy {
  readonly name = 'hybrid-histogram';
  private readonly options: HybridHistogramOptions;
  private readonly apps = new Map<string, IdleTimeHistogram>();
  private readonly functions = new FunctionRegistry<HybridState>((info) => ({
    info,
    histogram: this.appHistogram(info.appKey),
    lastInvoked: Number.NEGATIVE_INFINITY,
    lastCount: 0,
    window: this.standardWindow(),
  }));

  constructor(options: Partial<HybridHistogramOptions> = {}) {
    this.options = { ...DEFAULT_HYBRID_OPTIONS, ...options };
  }

  register(info: FunctionInfo): void {
    this.functions.register(info);
  }

  observe(key: string, minute: number, invocations: number): void {
    if (invocations <= 0) return;
    const state = this.functions.get(key);
    if (minute <= state.lastInvoked) return;
    if (Number.isFinite(state.lastInvoked)) state.histogram.add(minute - state.lastInvoked);
    state.lastInvoked = minute;
    state.lastCount = invocations;
    state.window = this.windowFor(state.histogram);
  }

  decide(key: string, minute: number, options: DecideOptions = {}): KeepWarmDecision {
    const state = this.functions.get(key);
    const gap = minute - state.lastInvoked;
    const { from, until } = state.window;
    const keepLoaded = gap <= 0 || (gap >= from && gap <= until);
    if (keepLoaded) return { keepLoaded, expectedConcurrency: concurrencyFor(state.lastCount, state.info.durationMs) };
    const horizon = options.prewarmHorizon ?? 0;
    const prewarmAt = gap < from && from - gap <= horizon ? state.lastInvoked + from : undefined;
    return { keepLoaded, prewarmAt, expectedConcurrency: 0 };
  }

  /** The window the policy would use after an invocation, given an application's histogram. */
  windowFor(histogram: IdleTimeHistogram): HybridWindow {
    const o = this.options;
    if (histogram.count < o.minSamples) return this.standardWindow();
    if (histogram.outOfBoundRate >= o.outOfBoundThreshold) {
      const predicted = forecastNextIdleTime(histogram.recentIdleTimes());
      return {
        pattern: 'arima',
        from: Math.max(1, Math.floor(predicted * (1 - o.arimaMargin))),
        until: Math.ceil(predicted * (1 + o.arimaMargin)),
      };
    }
    if (histogram.binCountCv < o.cvThreshold) return this.standardWindow();
    const head = histogram.percentile(o.headPercentile);
    const tail = histogram.percentile(o.tailPercentile);
    return {
      pattern: 'histogram',
      from: Math.max(1, Math.floor(head * (1 - o.histogramMargin))),
      until: Math.max(1, Math.ceil(tail * (1 + o.histogramMargin))),
    };
  }

  private standardWindow(): HybridWindow {
    return { pattern: 'standard', from: 1, until: this.options.fallbackKeepAliveMinutes };
  }

  private appHistogram(appKey: string): IdleTimeHistogram {
    let histogram = this.apps.get(appKey);
    if (!histogram) {
      histogram = new IdleTimeHistogram(this.options.rangeMinutes);
      this.apps.set(appKey, histogram);
    }
    return histogram;
  }
}
