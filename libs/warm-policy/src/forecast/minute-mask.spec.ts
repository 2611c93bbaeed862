import { MinuteMask } from './minute-mask';

/** A mask built from invoked minutes, with the naive count for comparison. */
function build(minutes: number[]): MinuteMask {
  const mask = new MinuteMask();
  let last = Number.NEGATIVE_INFINITY;
  for (const m of minutes) {
    mask.push(m - last);
    last = m;
  }
  return mask;
}

describe(MinuteMask.name, () => {
  describe('countInWindow', () => {
    it('should count the invoked minutes among the window before a minute, across both words', () => {
      const minutes = [0, 3, 10, 31, 32, 40, 63, 70, 99, 100];
      const mask = build(minutes);
      const last = 100;
      for (const since of [1, 5, 30, 40]) {
        for (const window of [1, 10, 33, 60, 64]) {
          const t = last + since;
          const expected = minutes.filter((m) => m >= t - window && m < t && m > last - 64).length;
          expect(mask.countInWindow(since, window)).toBe(expected);
        }
      }
    });

    it('should forget minutes more than 63 minutes before the last one', () => {
      const mask = build([0, 100]);
      expect(mask.countInWindow(1, 64)).toBe(1);
      expect(mask.has(0)).toBe(true);
      expect(mask.has(100)).toBe(false);
    });
  });
});
