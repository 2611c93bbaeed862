import { randomUUID } from 'node:crypto';

import {
  EXECUTION_TIME_BUCKETS_MS,
  Library,
  MEMORY_BUCKETS_BYTES,
  ProfilingBatchInput,
  ProfilingDataInput,
  ProfilingRecordInput,
} from '@tailor/contracts';

const MIB = 1024 * 1024;

/** the libraries of windowRecord() */
export const WINDOW_LIBRARIES: Library[] = [
  { name: 'express', version: '5.3.0' },
  { name: 'dayjs', version: '1.11.13' },
];

/** A window record as the agent sends it: `invocations` invocations, all in the 5–10 ms and 64–128 MiB buckets. */
export function windowRecord(overrides: Partial<ProfilingDataInput> = {}): ProfilingDataInput {
  const invocations = overrides.invocations ?? 10;
  const executionTimeMs = new Array<number>(EXECUTION_TIME_BUCKETS_MS.length + 1).fill(0);
  const rssBytes = new Array<number>(MEMORY_BUCKETS_BYTES.length + 1).fill(0);
  executionTimeMs[3] = invocations;
  rssBytes[2] = invocations;
  return {
    applicationId: 'shop',
    endpointId: 'GET /users/:id',
    language: 'node',
    languageVersion: '20.20.2',
    libraries: WINDOW_LIBRARIES.map((library) => ({ ...library })),
    invocations,
    cpuTimeMs: 3.5,
    memory: { rssBytes: 100 * MIB, heapUsedBytes: 40 * MIB, peakRssBytes: 120 * MIB },
    io: { readBytes: 0, writeBytes: 4096 },
    requestBytes: 100 * invocations,
    responseBytes: 2000 * invocations,
    executionTimeMs: 7.5,
    executionTimeMaxMs: 9.9,
    timestamp: '2026-11-28T10:15:20.000Z',
    windowSeconds: 10,
    histograms: { executionTimeMs, rssBytes },
    ...overrides,
  };
}

/** A window record as sent: its libraries named by index into the batch's libraryLists. */
export function listedRecord(libraryList: number, overrides: Partial<ProfilingDataInput> = {}): ProfilingRecordInput {
  const { libraries: _inline, ...record } = windowRecord(overrides);
  return { ...record, libraryList };
}

const AGENT = { instanceId: 'ab'.repeat(16), agentVersion: '0.1.0', droppedInvocations: 0 };

/** A batch of `records` in the wire form, as the agent sends it: each distinct library list once, in `libraryLists`. */
export function batchOf(records: ProfilingDataInput[], batchId: string = randomUUID()): ProfilingBatchInput {
  const libraryLists: Library[][] = [];
  const indexOf = new Map<string, number>();
  const events = records.map(({ libraries, ...record }): ProfilingRecordInput => {
    const key = JSON.stringify(libraries);
    let libraryList = indexOf.get(key);
    if (libraryList === undefined) indexOf.set(key, (libraryList = libraryLists.push(libraries) - 1));
    return { ...record, libraryList };
  });
  return { batchId, libraryLists, events, agent: AGENT };
}

/** A batch whose records name the given `libraryLists`. */
export function listedBatchOf(
  libraryLists: Library[][],
  events: ProfilingRecordInput[],
  batchId: string = randomUUID(),
): ProfilingBatchInput {
  return { batchId, libraryLists, events, agent: AGENT };
}

/** A batch of the retired first wire form: every record with its libraries inline. */
export function inlineBatchOf(records: ProfilingDataInput[], batchId: string = randomUUID()): unknown {
  return { batchId, events: records, agent: AGENT };
}
