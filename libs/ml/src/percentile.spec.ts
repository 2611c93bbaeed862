import { median, percentile, percentileOfSorted } from './percentile';

describe(percentile.name, () => {
  it('should give the nearest-rank value', () => {
    const values = [5, 1, 4, 2, 3];
    expect(percentile(values, 0.5)).toBe(3);
    expect(percentile(values, 0.99)).toBe(5);
    expect(percentile(values, 0.2)).toBe(1);
    expect(percentile(values, 0.21)).toBe(2);
  });

  it('should give the smallest and the largest value at the ends', () => {
    expect(percentile([3, 1, 2], 0)).toBe(1);
    expect(percentile([3, 1, 2], 1)).toBe(3);
  });

  it('should leave its input in order', () => {
    const values = [3, 1, 2];
    percentile(values, 0.5);
    expect(values).toEqual([3, 1, 2]);
  });

  it('should give NaN for no values', () => {
    expect(percentile([], 0.5)).toBeNaN();
    expect(percentileOfSorted([], 0.5)).toBeNaN();
  });
});

describe(median.name, () => {
  it('should give the middle value of an odd count', () => {
    expect(median([9, 1, 5])).toBe(5);
  });

  it('should give the mean of the two middle values of an even count', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('should give NaN for no values', () => {
    expect(median([])).toBeNaN();
  });
});
