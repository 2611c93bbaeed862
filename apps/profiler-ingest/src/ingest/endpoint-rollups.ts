import { EXECUTION_TIME_BUCKETS_MS, MEMORY_BUCKETS_BYTES, ProfilingData } from '@tailor/contracts';

export type RollupGranularity = 'minute' | 'hour';

/** One batch's contribution to one endpoint rollup row; the repository adds it to what is stored. */
export interface RollupDelta {
  applicationId: string;
  endpointId: string;
  granularity: RollupGranularity;
  bucketStart: number;
  invocations: number;
  executionTimeSum: number;
  executionTimeMax: number;
  cpuTimeSum: number;
  peakRssMax: number;
  rssMax: number;
  heapUsedMax: number;
  ioReadBytesSum: number;
  ioWriteBytesSum: number;
  requestBytesSum: number;
  responseBytesSum: number;
  /** "<library>@<version>" → invocations that had it loaded */
  libraryCounts: Record<string, number>;
  executionTimeHistogram: number[];
  rssHistogram: number[];
}

const GRANULARITY_MS: Record<RollupGranularity, number> = { minute: 60_000, hour: 3_600_000 };

export function bucketIndex(bounds: readonly number[], value: number): number {
  for (let i = 0; i < bounds.length; i++) if (value <= (bounds[i] as number)) return i;
  return bounds.length;
}

/** A record's histograms; a raw event (no histograms) counts its invocations in the bucket of its own figures. */
function histogramsOf(event: ProfilingData): { executionTimeMs: number[]; rssBytes: number[] } {
  if (event.histograms) return event.histograms;
  const executionTimeMs = new Array<number>(EXECUTION_TIME_BUCKETS_MS.length + 1).fill(0);
  const rssBytes = new Array<number>(MEMORY_BUCKETS_BYTES.length + 1).fill(0);
  executionTimeMs[bucketIndex(EXECUTION_TIME_BUCKETS_MS, event.executionTimeMs)] = event.invocations;
  rssBytes[bucketIndex(MEMORY_BUCKETS_BYTES, event.memory.rssBytes)] = event.invocations;
  return { executionTimeMs, rssBytes };
}

const addInto = (target: number[], source: readonly number[]) => {
  for (let i = 0; i < source.length; i++) target[i] = (target[i] ?? 0) + (source[i] as number);
};

const emptyDelta = (
  applicationId: string,
  endpointId: string,
  granularity: RollupGranularity,
  bucketStart: number,
): RollupDelta => ({
  applicationId,
  endpointId,
  granularity,
  bucketStart,
  invocations: 0,
  executionTimeSum: 0,
  executionTimeMax: 0,
  cpuTimeSum: 0,
  peakRssMax: 0,
  rssMax: 0,
  heapUsedMax: 0,
  ioReadBytesSum: 0,
  ioWriteBytesSum: 0,
  requestBytesSum: 0,
  responseBytesSum: 0,
  libraryCounts: {},
  executionTimeHistogram: new Array<number>(EXECUTION_TIME_BUCKETS_MS.length + 1).fill(0),
  rssHistogram: new Array<number>(MEMORY_BUCKETS_BYTES.length + 1).fill(0),
});

const keyOf = (delta: RollupDelta): string =>
  `${delta.applicationId}\n${delta.endpointId}\n${delta.granularity}\n${delta.bucketStart}`;

/** Deltas sorted by key, so that concurrent upserts lock rollup rows in the same order. */
const sortedByKey = (deltas: Map<string, RollupDelta>): RollupDelta[] =>
  [...deltas.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, delta]) => delta);

/** Folds a batch into per-endpoint minute and hour deltas, sorted by key. */
export function rollupDeltas(events: ProfilingData[]): RollupDelta[] {
  const deltas = new Map<string, RollupDelta>();
  /** invocations per library list (records sharing a list share the array), expanded into libraryCounts at the end */
  const listCounts = new Map<RollupDelta, Map<ProfilingData['libraries'], number>>();
  const deltaOf = (event: ProfilingData, granularity: RollupGranularity, recordedAt: number): RollupDelta => {
    const bucketStart = Math.floor(recordedAt / GRANULARITY_MS[granularity]) * GRANULARITY_MS[granularity];
    const key = `${event.applicationId}\n${event.endpointId}\n${granularity}\n${bucketStart}`;
    let delta = deltas.get(key);
    if (!delta) {
      delta = emptyDelta(event.applicationId, event.endpointId, granularity, bucketStart);
      deltas.set(key, delta);
      listCounts.set(delta, new Map());
    }
    return delta;
  };
  /** an endpoint's minute and hour deltas by timestamp: a batch's records repeat both, and Date.parse is slow */
  const pairs = new Map<string, [RollupDelta, RollupDelta]>();
  for (const event of events) {
    const pairKey = `${event.applicationId}\n${event.endpointId}\n${event.timestamp}`;
    let pair = pairs.get(pairKey);
    if (!pair) {
      const recordedAt = Date.parse(event.timestamp);
      pair = [deltaOf(event, 'minute', recordedAt), deltaOf(event, 'hour', recordedAt)];
      pairs.set(pairKey, pair);
    }
    const histograms = histogramsOf(event);
    for (const delta of pair) {
      delta.invocations += event.invocations;
      delta.executionTimeSum += event.executionTimeMs * event.invocations;
      delta.executionTimeMax = Math.max(delta.executionTimeMax, event.executionTimeMaxMs ?? event.executionTimeMs);
      delta.cpuTimeSum += event.cpuTimeMs * event.invocations;
      delta.peakRssMax = Math.max(delta.peakRssMax, event.memory.peakRssBytes);
      delta.rssMax = Math.max(delta.rssMax, event.memory.rssBytes);
      delta.heapUsedMax = Math.max(delta.heapUsedMax, event.memory.heapUsedBytes);
      delta.ioReadBytesSum += event.io.readBytes;
      delta.ioWriteBytesSum += event.io.writeBytes;
      delta.requestBytesSum += event.requestBytes;
      delta.responseBytesSum += event.responseBytes;
      const lists = listCounts.get(delta) as Map<ProfilingData['libraries'], number>;
      lists.set(event.libraries, (lists.get(event.libraries) ?? 0) + event.invocations);
      addInto(delta.executionTimeHistogram, histograms.executionTimeMs);
      addInto(delta.rssHistogram, histograms.rssBytes);
    }
  }
  for (const [delta, lists] of listCounts) {
    for (const [libraries, invocations] of lists) {
      for (const library of libraries) {
        const name = `${library.name}@${library.version}`;
        delta.libraryCounts[name] = (delta.libraryCounts[name] ?? 0) + invocations;
      }
    }
  }
  return sortedByKey(deltas);
}

/** The deltas of several batches written in one transaction, one per rollup row, sorted by key. */
export function mergeRollupDeltas(batches: RollupDelta[][]): RollupDelta[] {
  if (batches.length === 1) return batches[0] as RollupDelta[];
  const merged = new Map<string, RollupDelta>();
  for (const deltas of batches) {
    for (const delta of deltas) {
      const key = keyOf(delta);
      const into = merged.get(key);
      if (!into) {
        merged.set(key, {
          ...delta,
          libraryCounts: { ...delta.libraryCounts },
          executionTimeHistogram: [...delta.executionTimeHistogram],
          rssHistogram: [...delta.rssHistogram],
        });
        continue;
      }
      into.invocations += delta.invocations;
      into.executionTimeSum += delta.executionTimeSum;
      into.executionTimeMax = Math.max(into.executionTimeMax, delta.executionTimeMax);
      into.cpuTimeSum += delta.cpuTimeSum;
      into.peakRssMax = Math.max(into.peakRssMax, delta.peakRssMax);
      into.rssMax = Math.max(into.rssMax, delta.rssMax);
      into.heapUsedMax = Math.max(into.heapUsedMax, delta.heapUsedMax);
      into.ioReadBytesSum += delta.ioReadBytesSum;
      into.ioWriteBytesSum += delta.ioWriteBytesSum;
      into.requestBytesSum += delta.requestBytesSum;
      into.responseBytesSum += delta.responseBytesSum;
      for (const [library, count] of Object.entries(delta.libraryCounts)) {
        into.libraryCounts[library] = (into.libraryCounts[library] ?? 0) + count;
      }
      addInto(into.executionTimeHistogram, delta.executionTimeHistogram);
      addInto(into.rssHistogram, delta.rssHistogram);
    }
  }
  return sortedByKey(merged);
}
