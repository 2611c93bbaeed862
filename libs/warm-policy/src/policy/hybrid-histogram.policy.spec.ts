import { HybridHistogramPolicy } from './hybrid-histogram.policy';
import { forecastNextIdleTime, IdleTimeHistogram } from './idle-time-histogram';

const info = (key: string, appKey = 'app') => ({ key, appKey, trigger: 'timer', memoryMb: 50 });

/** Invokes `key` at the given minutes. */
function invoke(policy: HybridHistogramPolicy, key: string, minutes: number[]): void {
  for (const m of minutes) policy.observe(key, m, 1);
}

describe(HybridHistogramPolicy.name, () => {
  describe('decide', () => {
    it('should fall back to the standard keep-alive (the 4-hour range) while there are too few idle times', () => {
      const policy = new HybridHistogramPolicy();
      policy.register(info('f'));
      invoke(policy, 'f', [0, 10, 20]);
      expect(policy.decide('f', 21).keepLoaded).toBe(true);
      expect(policy.decide('f', 20 + 240).keepLoaded).toBe(true);
      expect(policy.decide('f', 20 + 241).keepLoaded).toBe(false);
    });

    it('should unload after an invocation and pre-warm for a regular period (head −10%, tail +10%)', () => {
      const policy = new HybridHistogramPolicy();
      policy.register(info('f'));
      invoke(policy, 'f', [0, 30, 60, 90, 120, 150, 180]);
      // head = tail = 30 → loaded from floor(27) to ceil(33) minutes after the last invocation
      expect(policy.decide('f', 181).keepLoaded).toBe(false);
      expect(policy.decide('f', 206).keepLoaded).toBe(false);
      expect(policy.decide('f', 207).keepLoaded).toBe(true);
      expect(policy.decide('f', 213).keepLoaded).toBe(true);
      expect(policy.decide('f', 214).keepLoaded).toBe(false);
      expect(policy.decide('f', 190, { prewarmHorizon: 60 }).prewarmAt).toBe(207);
    });

    it('should keep loaded right after the invocation when the head is within the first minutes', () => {
      const policy = new HybridHistogramPolicy();
      policy.register(info('f'));
      invoke(policy, 'f', [0, 1, 2, 3, 4, 5, 6, 8]);
      expect(policy.windowFor(histogramOf([1, 1, 1, 1, 1, 1, 2]))).toEqual({ pattern: 'histogram', from: 1, until: 3 });
      expect(policy.decide('f', 9).keepLoaded).toBe(true);
    });

    it('should use the standard keep-alive when the bin counts have a low coefficient of variation', () => {
      const spread = Array.from({ length: 240 }, (_, i) => i + 1).concat(Array.from({ length: 239 }, (_, i) => i + 1));
      const histogram = histogramOf(spread);
      expect(histogram.binCountCv).toBeLessThan(2);
      expect(new HybridHistogramPolicy().windowFor(histogram).pattern).toBe('standard');
    });

    it('should take the ARIMA-like window when most idle times are out of bound', () => {
      const window = new HybridHistogramPolicy().windowFor(histogramOf([300, 300, 300, 300, 300, 10]));
      expect(window.pattern).toBe('arima');
      expect(window.from).toBeLessThan(window.until);
      const predicted = forecastNextIdleTime([300, 300, 300, 300, 300, 10]);
      expect(window.from).toBe(Math.floor(predicted * 0.85));
      expect(window.until).toBe(Math.ceil(predicted * 1.15));
    });

    it('should share one histogram between the functions of an application', () => {
      const policy = new HybridHistogramPolicy();
      policy.register(info('f'));
      policy.register(info('g'));
      invoke(policy, 'f', [0, 30, 60, 90]);
      invoke(policy, 'g', [0, 30, 60, 90]);
      // six 30-minute idle times in the app's histogram: g is pre-warmed like f
      expect(policy.decide('g', 95).keepLoaded).toBe(false);
      expect(policy.decide('g', 120).keepLoaded).toBe(true);
    });
  });
});

describe(IdleTimeHistogram.name, () => {
  it('should give the first bin reaching a percentile', () => {
    const histogram = histogramOf([5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 60]);
    expect(histogram.percentile(0.05)).toBe(5);
    expect(histogram.percentile(0.99)).toBe(60);
  });

  it('should count idle times beyond the range apart', () => {
    const histogram = histogramOf([10, 500]);
    expect(histogram.inBoundCount).toBe(1);
    expect(histogram.outOfBoundRate).toBe(0.5);
  });

  it('should refuse a percentile of an empty histogram', () => {
    expect(() => new IdleTimeHistogram(240).percentile(0.5)).toThrow();
  });
});

describe(forecastNextIdleTime.name, () => {
  it('should forecast a constant series as itself and a short one as its mean', () => {
    expect(forecastNextIdleTime([300, 300, 300, 300])).toBe(300);
    expect(forecastNextIdleTime([100, 300])).toBe(200);
  });
});

function histogramOf(idleTimes: number[]): IdleTimeHistogram {
  const histogram = new IdleTimeHistogram(240);
  for (const t of idleTimes) histogram.add(t);
  return histogram;
}
