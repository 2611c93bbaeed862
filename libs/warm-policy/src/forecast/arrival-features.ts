import { logit } from '@tailor/ml';

import { MinuteMask } from './minute-mask';

/** Longest idle time tracked one minute at a time; longer gaps are counted together (ATC'20's 4-hour histogram range). */
export const MAX_TRACKED_GAP = 240;
const MINUTES_PER_DAY = 1440;
/**
 * Pseudo-count and prior of the smoothed empirical hazard (one pseudo-gap; the hazard a function with no idle-time
 * history starts from). Set a priori, not fitted to a trace: BENCHMARKS.md "Keep-warm replay" shows the replay's
 * conclusions with 0.01…0.2 and 0.2…5 in their place.
 */
const PRIOR_WEIGHT = 1;
const PRIOR_HAZARD = 0.05;

export const TRIGGER_TYPES = ['http', 'timer', 'queue', 'event', 'orchestration', 'storage', 'other'] as const;

export function triggerIndex(trigger: string): number {
  const i = (TRIGGER_TYPES as readonly string[]).indexOf(trigger.toLowerCase());
  return i === -1 ? TRIGGER_TYPES.length - 1 : i;
}

/**
 * Features of "is the function invoked in minute t", known before t. The first group reads the function's own
 * idle-time history as a hazard: among past gaps that lasted at least `d` minutes (d = minutes since the last
 * invocation), the share that ended at exactly `d` (and within ±1 minute, for timers that jitter).
 */
export const ARRIVAL_FEATURE_NAMES = [
  'hazardLogit',
  'hazardNearLogit',
  'hazardLogitTimesLogSupport',
  'beyondLongestGap',
  'logSurvival',
  'logGapCount',
  'logMinutesSinceLast',
  'sameAsLastGap',
  'withinOneOfLastGap',
  'logInvokedMinutesLast10',
  'logInvokedMinutesLast60',
  'logMeanInvocationsPerInvokedMinute',
  'logAppOtherFunctionsLast10',
  'appOtherFunctionsPreviousMinute',
  'belowShortestGap',
  'modeShare',
  'regularBeforeMode',
  'regularAfterMode',
  'timeOfDaySin',
  'timeOfDayCos',
  ...TRIGGER_TYPES.map((t) => `trigger_${t}`),
] as const;

export const ARRIVAL_FEATURE_COUNT = ARRIVAL_FEATURE_NAMES.length;

/** Invocation activity of one application, per minute, over the last 64 minutes (for the other-functions signal). */
export class AppActivity {
  functionCount = 0;
  private readonly stamps = new Int32Array(64).fill(-1);
  private readonly counts = new Uint16Array(64);

  record(minute: number): void {
    const slot = minute & 63;
    if (this.stamps[slot] !== minute) {
      this.stamps[slot] = minute;
      this.counts[slot] = 0;
    }
    this.counts[slot] += 1;
  }

  /** Functions of the application invoked in `minute` (only for the last 64 minutes). */
  invokedFunctions(minute: number): number {
    const slot = minute & 63;
    return this.stamps[slot] === minute ? this.counts[slot] : 0;
  }
}

/** Compact per-function history the features are computed from. */
export class ArrivalHistory {
  lastInvoked = Number.NEGATIVE_INFINITY;
  lastGap = 0;
  gapCount = 0;
  longestGap = 0;
  shortestGap = Number.POSITIVE_INFINITY;
  /** Most common tracked gap and its count. */
  modeGap = 0;
  modeCount = 0;
  meanInvocations = 0;
  readonly recent = new MinuteMask();
  /** gaps[g] for 1 ≤ g ≤ MAX_TRACKED_GAP; gaps[0] counts the longer ones. */
  private readonly gaps = new Uint16Array(MAX_TRACKED_GAP + 1);
  /** Cursor of the survival count: `atLeast` gaps lasted ≥ `cursor` minutes. */
  private cursor = 1;
  private atLeast = 0;

  constructor(
    readonly trigger: number,
    readonly app: AppActivity,
  ) {}

  get seen(): boolean {
    return Number.isFinite(this.lastInvoked);
  }

  record(minute: number, invocations: number): void {
    const gap = minute - this.lastInvoked;
    if (this.seen) {
      const bin = gap <= MAX_TRACKED_GAP ? gap : 0;
      if (this.gaps[bin] < 0xffff) this.gaps[bin] += 1;
      this.gapCount += 1;
      this.lastGap = gap;
      this.longestGap = Math.max(this.longestGap, gap);
      this.shortestGap = Math.min(this.shortestGap, gap);
      if (bin !== 0 && this.gaps[bin] > this.modeCount) {
        this.modeGap = bin;
        this.modeCount = this.gaps[bin];
      }
    }
    this.recent.push(gap);
    this.lastInvoked = minute;
    this.meanInvocations += (invocations - this.meanInvocations) / Math.min(this.gapCount + 1, 30);
    this.cursor = 1;
    this.atLeast = this.gapCount;
    this.app.record(minute);
  }

  /** Gaps that lasted exactly `d` minutes (0 beyond the tracked range). */
  gapsOf(d: number): number {
    return d >= 1 && d <= MAX_TRACKED_GAP ? this.gaps[d] : 0;
  }

  /** Gaps that lasted at least `d` minutes. Moves a cursor forward, so successive minutes cost O(1). */
  gapsAtLeast(d: number): number {
    if (d < this.cursor) {
      this.cursor = 1;
      this.atLeast = this.gapCount;
    }
    while (this.cursor < d && this.cursor <= MAX_TRACKED_GAP) {
      this.atLeast -= this.gaps[this.cursor];
      this.cursor += 1;
    }
    return d > MAX_TRACKED_GAP ? this.gaps[0] : this.atLeast;
  }

  /**
   * Writes the feature vector for minute `minute` (after the first invocation, and `minute > lastInvoked`) into
   * `out`, assuming no invocation between the last one and `minute`.
   */
  features(minute: number, out: Float32Array | Float64Array): void {
    const d = minute - this.lastInvoked;
    const atLeast = this.gapsAtLeast(d);
    const exact = this.gapsOf(d);
    const before = this.gapsOf(d - 1);
    const near = before + exact + this.gapsOf(d + 1);
    const hazard = logit((exact + PRIOR_WEIGHT * PRIOR_HAZARD) / (atLeast + PRIOR_WEIGHT));
    out[0] = hazard;
    out[1] = logit((near + PRIOR_WEIGHT * PRIOR_HAZARD) / (atLeast + before + PRIOR_WEIGHT));
    out[2] = hazard * Math.log1p(atLeast);
    out[3] = d > this.longestGap ? 1 : 0;
    out[4] = Math.log((atLeast + 1) / (this.gapCount + 1));
    out[5] = Math.log1p(this.gapCount);
    out[6] = Math.log(d);
    out[7] = this.gapCount > 0 && d === this.lastGap ? 1 : 0;
    out[8] = this.gapCount > 0 && Math.abs(d - this.lastGap) === 1 ? 1 : 0;
    const last10 = this.recent.countInWindow(d, 10);
    out[9] = Math.log1p(last10);
    out[10] = Math.log1p(this.recent.countInWindow(d, 60));
    out[11] = Math.log1p(this.meanInvocations);
    let others10 = 0;
    let othersPrevious = 0;
    if (this.app.functionCount > 1) {
      for (let back = 1; back <= 10; back++) {
        const own = this.recent.has(back - d) ? 1 : 0;
        const others = this.app.invokedFunctions(minute - back) - own;
        others10 += others;
        if (back === 1) othersPrevious = others;
      }
    }
    out[12] = Math.log1p(Math.max(0, others10));
    out[13] = othersPrevious > 0 ? 1 : 0;
    out[14] = d < this.shortestGap && this.gapCount > 0 ? 1 : 0;
    const modeShare =
      this.gapCount === 0
        ? 0
        : (this.gapsOf(this.modeGap - 1) + this.modeCount + this.gapsOf(this.modeGap + 1)) / this.gapCount;
    out[15] = modeShare;
    out[16] = d < this.modeGap - 1 ? modeShare : 0;
    out[17] = d > this.modeGap + 1 ? modeShare : 0;
    const angle = (2 * Math.PI * (((minute % MINUTES_PER_DAY) + MINUTES_PER_DAY) % MINUTES_PER_DAY)) / MINUTES_PER_DAY;
    out[18] = Math.sin(angle);
    out[19] = Math.cos(angle);
    for (let i = 0; i < TRIGGER_TYPES.length; i++) out[20 + i] = i === this.trigger ? 1 : 0;
  }

  /** The model-free forecast used before the first training: the smoothed empirical hazard. */
  empiricalHazard(minute: number): number {
    const d = minute - this.lastInvoked;
    return (this.gapsOf(d) + PRIOR_WEIGHT * PRIOR_HAZARD) / (this.gapsAtLeast(d) + PRIOR_WEIGHT);
  }
}
