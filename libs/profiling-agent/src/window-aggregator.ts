import { EXECUTION_TIME_BUCKETS_MS, Library, MEMORY_BUCKETS_BYTES, ProfilingData } from '@tailor/contracts';

import type { InvocationSample } from './invocation-meter';

interface EndpointWindow {
  invocations: number;
  executionTimeSum: number;
  executionTimeMax: number;
  cpuTimeSum: number;
  rssMax: number;
  heapUsedMax: number;
  peakRssMax: number;
  ioRead: number;
  ioWrite: number;
  requestBytes: number;
  responseBytes: number;
  executionTimeHistogram: number[];
  rssHistogram: number[];
}

export interface RecordContext {
  applicationId: string;
  language: string;
  languageVersion: string;
  libraries: Library[];
}

const MAX_MS = 86_400_000;

export function bucketOf(bounds: readonly number[], value: number): number {
  for (let i = 0; i < bounds.length; i++) if (value <= (bounds[i] as number)) return i;
  return bounds.length;
}

const emptyWindow = (): EndpointWindow => ({
  invocations: 0,
  executionTimeSum: 0,
  executionTimeMax: 0,
  cpuTimeSum: 0,
  rssMax: 0,
  heapUsedMax: 0,
  peakRssMax: 0,
  ioRead: 0,
  ioWrite: 0,
  requestBytes: 0,
  responseBytes: 0,
  executionTimeHistogram: new Array<number>(EXECUTION_TIME_BUCKETS_MS.length + 1).fill(0),
  rssHistogram: new Array<number>(MEMORY_BUCKETS_BYTES.length + 1).fill(0),
});

const clampMs = (value: number): number => Math.min(MAX_MS, Math.max(0, value));

/** Folds invocations into one record per endpoint and window: counts, sums, maxima and fixed-bucket histograms. */
export class WindowAggregator {
  private windows = new Map<string, EndpointWindow>();
  private windowStart = Date.now();

  constructor(private readonly maxEndpoints: number) {}

  get size(): number {
    return this.windows.size;
  }

  /** false when the window already holds maxEndpoints other endpoints: the caller counts the invocation as dropped */
  add(sample: InvocationSample): boolean {
    let window = this.windows.get(sample.endpointId);
    if (!window) {
      if (this.windows.size >= this.maxEndpoints) return false;
      window = emptyWindow();
      this.windows.set(sample.endpointId, window);
    }
    window.invocations += 1;
    window.executionTimeSum += sample.executionTimeMs;
    if (sample.executionTimeMs > window.executionTimeMax) window.executionTimeMax = sample.executionTimeMs;
    window.cpuTimeSum += sample.cpuTimeMs;
    if (sample.rssBytes > window.rssMax) window.rssMax = sample.rssBytes;
    if (sample.heapUsedBytes > window.heapUsedMax) window.heapUsedMax = sample.heapUsedBytes;
    if (sample.peakRssBytes > window.peakRssMax) window.peakRssMax = sample.peakRssBytes;
    window.ioRead += sample.ioReadBytes;
    window.ioWrite += sample.ioWriteBytes;
    window.requestBytes += sample.requestBytes;
    window.responseBytes += sample.responseBytes;
    (window.executionTimeHistogram[bucketOf(EXECUTION_TIME_BUCKETS_MS, sample.executionTimeMs)] as number) += 1;
    (window.rssHistogram[bucketOf(MEMORY_BUCKETS_BYTES, sample.rssBytes)] as number) += 1;
    return true;
  }

  /** Closes the current window: one record per endpoint that was invoked in it. */
  drain(context: RecordContext, now = Date.now()): ProfilingData[] {
    const windows = this.windows;
    const start = this.windowStart;
    this.windows = new Map();
    this.windowStart = now;
    const windowSeconds = Math.min(3600, Math.max(1, Math.round((now - start) / 1000)));
    return [...windows].map(([endpointId, w]) => ({
      applicationId: context.applicationId,
      endpointId,
      language: context.language,
      languageVersion: context.languageVersion,
      libraries: context.libraries,
      invocations: w.invocations,
      cpuTimeMs: clampMs(w.cpuTimeSum / w.invocations),
      memory: { rssBytes: w.rssMax, heapUsedBytes: w.heapUsedMax, peakRssBytes: w.peakRssMax },
      io: { readBytes: w.ioRead, writeBytes: w.ioWrite },
      requestBytes: w.requestBytes,
      responseBytes: w.responseBytes,
      executionTimeMs: clampMs(w.executionTimeSum / w.invocations),
      executionTimeMaxMs: clampMs(w.executionTimeMax),
      timestamp: new Date(start).toISOString(),
      windowSeconds,
      histograms: { executionTimeMs: w.executionTimeHistogram, rssBytes: w.rssHistogram },
    }));
  }
}

/** One sampled invocation as a raw record ('sample' mode). */
export function rawRecord(sample: InvocationSample, context: RecordContext): ProfilingData {
  return {
    applicationId: context.applicationId,
    endpointId: sample.endpointId,
    language: context.language,
    languageVersion: context.languageVersion,
    libraries: context.libraries,
    invocations: 1,
    cpuTimeMs: clampMs(sample.cpuTimeMs),
    memory: { rssBytes: sample.rssBytes, heapUsedBytes: sample.heapUsedBytes, peakRssBytes: sample.peakRssBytes },
    io: { readBytes: sample.ioReadBytes, writeBytes: sample.ioWriteBytes },
    requestBytes: sample.requestBytes,
    responseBytes: sample.responseBytes,
    executionTimeMs: clampMs(sample.executionTimeMs),
    timestamp: new Date(sample.startedAt).toISOString(),
  };
}
