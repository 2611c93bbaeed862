import { resolve } from 'node:path';

import { syntheticWorkload } from '@tailor/testing';

const DATA = resolve(__dirname, '../../shared/data');

/** The benchmarks' data: real Azure 2019 arrivals/memory/durations (and the 2021 duration spread), synthetic npm library usage. */
export const benchWorkload = (copies: number, endMs = Date.UTC(2026, 0, 6)) =>
  syntheticWorkload({
    traceDir: `${DATA}/azure-functions-2019`,
    trace2021File: `${DATA}/azure-functions-2021/invocations-first199.csv`,
    copies,
    endMs,
  });
