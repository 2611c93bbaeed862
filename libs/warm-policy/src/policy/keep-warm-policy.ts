/** What a keep-warm policy knows about a function before it has seen any invocation. */
export interface FunctionInfo {
  /** Unique key of the function (for the Azure trace: `HashOwner/HashApp/HashFunction`). */
  key: string;
  /** Key of the application the function belongs to; functions of one application share activity signals. */
  appKey: string;
  /** Trigger type as the platform names it (`http`, `timer`, `queue`, `event`, `orchestration`, `storage`, …). */
  trigger: string;
  /** Memory an idle loaded instance holds, in MB (the trace's `AverageAllocatedMb_pct50`). */
  memoryMb: number;
  /** Average execution time in milliseconds, used for the expected concurrency; unknown when absent. */
  durationMs?: number;
}

/** The decision for one function in one minute. */
export interface KeepWarmDecision {
  /** Whether one instance should be loaded during this minute. */
  keepLoaded: boolean;
  /** When not kept loaded: the first coming minute in which the policy plans to load it again (a pre-warm). */
  prewarmAt?: number;
  /** Instances needed if the function is invoked in this minute (0 when not kept loaded). */
  expectedConcurrency: number;
}

export interface DecideOptions {
  /** How many minutes ahead to look for a pre-warm when the instance is not kept loaded; 0 skips the search. */
  prewarmHorizon?: number;
}

/**
 * The keep-warm policy used online by the provisioner every minute and replayed offline on traces.
 * Minutes are integers on one clock (the trace's minute of day, or epoch minutes). For each minute `t`, call
 * `decide(key, t)` for every registered function before `t`'s invocations are known, then `observe(key, t, n)` for
 * each function invoked in `t` (minutes that are not observed count as minutes without invocation).
 */
export interface KeepWarmPolicy {
  readonly name: string;
  register(info: FunctionInfo): void;
  observe(key: string, minute: number, invocations: number): void;
  decide(key: string, minute: number, options?: DecideOptions): KeepWarmDecision;
}

export const DEFAULT_PREWARM_HORIZON = 60;
