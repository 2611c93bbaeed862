import { syntheticWorkload } from '@tailor/testing';

import { traceDataDir } from './lib/trace-data';

/** The benchmarks' data: real Azure 2019 arrivals/memory/durations (and the 2021 duration spread), synthetic npm library usage. */
export const benchWorkload = (copies: number, endMs = Date.UTC(2026, 0, 6)) =>
  syntheticWorkload({
    traceDir: traceDataDir('azure-functions-2019'),
    trace2021File: `${traceDataDir('azure-functions-2021')}/invocations-first199.csv`,
    copies,
    endMs,
  });
