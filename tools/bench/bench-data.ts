import { syntheticWorkload } from '@tailor/runtime-model';

import { traceDataDir } from './lib/trace-data';

/** The benchmarks' data: real Azure 2019 arrivals/memory/durations (and the 2021 duration spread), synthetic npm library usage. */
export const benchWorkload = (copies: number, endMs = Date.UTC(2026, 0, 6)) =>
  syntheticWorkload({
    traceDir: traceDataDir('azure-functions-2019'),
    trace2021File: `${traceDataDir('azure-functions-2021')}/invocations-first199.csv`,
    copies,
    endMs,
  });

export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}
