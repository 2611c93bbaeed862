/** One function of the Azure Functions 2019 trace, its invocations stored sparsely (invoked minutes only). */
export interface TraceFunction {
  owner: string;
  app: string;
  function: string;
  /** `HashOwner/HashApp/HashFunction`. */
  key: string;
  /** `HashOwner/HashApp`. */
  appKey: string;
  trigger: string;
  /** Median allocated memory (`AverageAllocatedMb_pct50`), or the fallback when the memory file lacks the row. */
  memoryMb: number;
  memorySource: 'function' | 'app' | 'fallback';
  /** Average duration in ms when the durations file has the row. */
  durationMs?: number;
  /** Invoked minutes in increasing order, with the invocation counts of those minutes. */
  invokedMinutes: Int32Array;
  invocations: Float64Array;
}

export interface AzureTrace {
  /** Label of the first minute column (e.g. 1, or 480 for a slice of a day) and the number of minute columns. */
  firstMinute: number;
  minuteCount: number;
  functions: TraceFunction[];
  files: { invocations: string; durations?: string; memory?: string };
  /** Rows missing from the durations or memory file (tolerated). */
  missing: { durations: number; memory: number };
}
