import { getHeapStatistics } from 'node:v8';

/** What one invocation used, measured around it by the agent. */
export interface InvocationSample {
  endpointId: string;
  startedAt: number;
  executionTimeMs: number;
  cpuTimeMs: number;
  rssBytes: number;
  heapUsedBytes: number;
  peakRssBytes: number;
  ioReadBytes: number;
  ioWriteBytes: number;
  requestBytes: number;
  responseBytes: number;
}

export interface InvocationStart {
  /** performance.now() at the start: a double, where hrtime.bigint() would allocate a BigInt per call */
  wallStart: number;
  startedAt: number;
  cpuMicros: number;
  fsRead: number;
  fsWrite: number;
}

/** getrusage counts file-system blocks of 512 bytes */
const BLOCK_BYTES = 512;
/** reading RSS costs ~15 µs (it reads /proc): a sample at most this old is used instead */
const MEMORY_SAMPLE_MS = 50;

/**
 * Measures invocations cheaply (a getrusage at each end, ~2 µs each). CPU and I/O are the process's during the
 * invocation, so concurrent invocations share them; RSS and heap are sampled at most every 50 ms.
 */
export class InvocationMeter {
  private memorySampledAt = 0;
  private rss = 0;
  private heapUsed = 0;

  start(): InvocationStart {
    const usage = process.resourceUsage();
    return {
      wallStart: performance.now(),
      startedAt: Date.now(),
      cpuMicros: usage.userCPUTime + usage.systemCPUTime,
      fsRead: usage.fsRead,
      fsWrite: usage.fsWrite,
    };
  }

  finish(start: InvocationStart, endpointId: string, requestBytes: number, responseBytes: number): InvocationSample {
    const executionTimeMs = performance.now() - start.wallStart;
    const usage = process.resourceUsage();
    this.sampleMemory(start.startedAt + executionTimeMs);
    return {
      endpointId,
      startedAt: start.startedAt,
      executionTimeMs,
      cpuTimeMs: Math.max(0, usage.userCPUTime + usage.systemCPUTime - start.cpuMicros) / 1000,
      rssBytes: this.rss,
      heapUsedBytes: this.heapUsed,
      peakRssBytes: Math.max(usage.maxRSS * 1024, this.rss),
      ioReadBytes: Math.max(0, usage.fsRead - start.fsRead) * BLOCK_BYTES,
      ioWriteBytes: Math.max(0, usage.fsWrite - start.fsWrite) * BLOCK_BYTES,
      requestBytes,
      responseBytes,
    };
  }

  private sampleMemory(now: number): void {
    if (now - this.memorySampledAt < MEMORY_SAMPLE_MS) return;
    this.memorySampledAt = now;
    this.rss = process.memoryUsage.rss();
    this.heapUsed = getHeapStatistics().used_heap_size;
  }
}
