/** How the agent is configured by the app that embeds it (or by the runtime container's environment). */
export interface ProfilingAgentOptions {
  /** the application's id as Tailor knows it (not a user identifier) */
  applicationId: string;
  /** base URL of profiler-ingest, e.g. http://127.0.0.1:3001; batches go to `${ingestUrl}/v1/profiles` */
  ingestUrl: string;
  /** key of the keyed hashes for identifiers that must travel (the agent instance); random per process when absent */
  hashKey?: string;
  /** 'aggregate' (default): only per-window aggregates leave the process; 'sample': also raw events at sampleRate */
  mode?: 'aggregate' | 'sample';
  /** fraction of invocations sent as raw events in 'sample' mode (0..1) */
  sampleRate?: number;
  /** length of an aggregation window */
  windowMs?: number;
  /** most records (windows or sampled events) held while waiting to be sent; beyond, the oldest are dropped and counted */
  maxBufferedRecords?: number;
  /** most records in one batch */
  maxBatchRecords?: number;
  /** most bytes of one batch's JSON (before gzip); larger batches are split */
  maxBatchBytes?: number;
  /** most distinct endpoints in one window; invocations of further endpoints are dropped and counted */
  maxEndpoints?: number;
  /** first retry delay; each retry doubles it (full jitter) up to retryMaxDelayMs */
  retryBaseDelayMs?: number;
  retryMaxDelayMs?: number;
  /** a request to ingest that takes longer is abandoned and retried */
  requestTimeoutMs?: number;
  /** how long shutdown() keeps trying to deliver what is buffered */
  shutdownTimeoutMs?: number;
  /** called on the agent's own failures (never thrown into the app); default: silent */
  onDiagnostic?: (message: string, error?: unknown) => void;
}

export type ResolvedAgentOptions = Required<Omit<ProfilingAgentOptions, 'hashKey'>> & { hashKey: string | undefined };

export function resolveAgentOptions(options: ProfilingAgentOptions): ResolvedAgentOptions {
  const resolved: ResolvedAgentOptions = {
    mode: 'aggregate',
    sampleRate: 0.01,
    windowMs: 10_000,
    maxBufferedRecords: 5_000,
    maxBatchRecords: 200,
    maxBatchBytes: 4 * 1024 * 1024,
    maxEndpoints: 1_000,
    retryBaseDelayMs: 500,
    retryMaxDelayMs: 30_000,
    requestTimeoutMs: 10_000,
    shutdownTimeoutMs: 5_000,
    onDiagnostic: () => undefined,
    ...stripUndefined(options),
    applicationId: options.applicationId,
    ingestUrl: options.ingestUrl,
    hashKey: options.hashKey,
  };
  if (!resolved.applicationId) throw new Error('profiling agent: applicationId is required');
  if (!/^https?:\/\//.test(resolved.ingestUrl)) throw new Error('profiling agent: ingestUrl must be an http(s) URL');
  if (resolved.maxBatchRecords < 1 || resolved.maxBatchRecords > 10_000) {
    throw new Error('profiling agent: maxBatchRecords must be between 1 and 10000');
  }
  if (resolved.maxBufferedRecords < resolved.maxBatchRecords) {
    throw new Error('profiling agent: maxBufferedRecords must be at least maxBatchRecords');
  }
  if (resolved.sampleRate < 0 || resolved.sampleRate > 1)
    throw new Error('profiling agent: sampleRate must be within 0..1');
  return resolved;
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
