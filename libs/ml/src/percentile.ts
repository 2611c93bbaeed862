/**
 * The nearest-rank percentile of values sorted in ascending order: the smallest value with at least a share `p` of
 * the values at or below it. NaN when there are no values.
 */
export function percentileOfSorted(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

/** The nearest-rank percentile of values in any order (they are not reordered). */
export const percentile = (values: readonly number[], p: number): number =>
  percentileOfSorted(sortedAscending(values), p);

/** The middle value, or the mean of the two middle values of an even count. NaN when there are no values. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = sortedAscending(values);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const sortedAscending = (values: readonly number[]): number[] => [...values].sort((a, b) => a - b);
