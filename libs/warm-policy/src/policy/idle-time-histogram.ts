/**
 * Idle-time histogram of the hybrid policy of Shahrad et al., "Serverless in the Wild: Characterizing and Optimizing
 * the Serverless Workload at a Large Cloud Provider", USENIX ATC'20, §4.2: 1-minute bins over a fixed range (4 hours
 * in the paper), idle times beyond the range counted apart as out-of-bound (OOB), and the coefficient of variation of
 * the bin counts as the test of whether the histogram is representative. Updates are O(1) (the sum of squared bin
 * counts is kept incrementally); percentiles are a scan that stops at the percentile.
 */
export class IdleTimeHistogram {
  private readonly bins: Uint32Array;
  private inBound = 0;
  private squares = 0;
  private outOfBound = 0;
  /** Recent idle times (all of them, in and out of bound), the series the ARIMA-like forecast reads. */
  private readonly recent: number[] = [];

  constructor(
    readonly rangeMinutes: number,
    private readonly recentLimit = 64,
  ) {
    this.bins = new Uint32Array(rangeMinutes);
  }

  add(idleMinutes: number): void {
    this.recent.push(idleMinutes);
    if (this.recent.length > this.recentLimit) this.recent.shift();
    const bin = Math.floor(idleMinutes);
    if (bin < 0 || bin >= this.bins.length) {
      this.outOfBound += 1;
      return;
    }
    const before = this.bins[bin];
    this.bins[bin] = before + 1;
    this.squares += 2 * before + 1;
    this.inBound += 1;
  }

  get count(): number {
    return this.inBound + this.outOfBound;
  }

  get inBoundCount(): number {
    return this.inBound;
  }

  get outOfBoundRate(): number {
    return this.count === 0 ? 0 : this.outOfBound / this.count;
  }

  /** Coefficient of variation of the bin counts (sample standard deviation over the mean), 0 when empty. */
  get binCountCv(): number {
    const n = this.bins.length;
    if (this.inBound === 0 || n < 2) return 0;
    const mean = this.inBound / n;
    const variance = Math.max(0, (this.squares - n * mean * mean) / (n - 1));
    return Math.sqrt(variance) / mean;
  }

  /** The first bin whose cumulative share of the in-bound idle times reaches `p` (0 < p ≤ 1). */
  percentile(p: number): number {
    if (this.inBound === 0) throw new Error('percentile of an empty histogram');
    const target = p * this.inBound;
    let cumulative = 0;
    for (let bin = 0; bin < this.bins.length; bin++) {
      cumulative += this.bins[bin];
      if (cumulative >= target) return bin;
    }
    return this.bins.length - 1;
  }

  recentIdleTimes(): readonly number[] {
    return this.recent;
  }
}

/**
 * ARIMA-like one-step forecast of the next idle time, the paper's fallback for applications whose idle times are
 * mostly beyond the histogram range. The paper fits an ARIMA model per application; here an AR(1) on the idle-time
 * series fitted by least squares (ARIMA(1,0,0)), which falls back to the mean when the series is too short or flat.
 */
export function forecastNextIdleTime(series: readonly number[]): number {
  const n = series.length;
  if (n === 0) throw new Error('forecast of an empty series');
  const mean = series.reduce((a, b) => a + b, 0) / n;
  if (n < 3) return mean;
  let num = 0;
  let den = 0;
  for (let i = 1; i < n; i++) {
    num += (series[i] - mean) * (series[i - 1] - mean);
    den += (series[i - 1] - mean) ** 2;
  }
  if (den === 0) return mean;
  const phi = Math.max(-0.99, Math.min(0.99, num / den));
  return Math.max(1, mean + phi * (series[n - 1] - mean));
}
