import type { KeepWarmPolicy } from '@tailor/warm-policy';

import type { AzureTrace, TraceFunction } from '../trace/azure-trace.types';

export type PolicyFamily = 'fixed' | 'hybrid' | 'tailor';

export interface ReplayedPolicy {
  policy: KeepWarmPolicy;
  family: PolicyFamily;
  /** K for fixed-K, the cost ratio for Tailor. */
  parameter?: number;
}

/** Minutes `[from, to)` over which outcomes are counted (the replay always runs over the whole trace). */
export interface ReplayWindow {
  name: string;
  from: number;
  to: number;
}

/** Counters of one policy over one window, per function (same order as the replayed functions). */
export interface PolicyWindowOutcome {
  policy: string;
  family: PolicyFamily;
  parameter?: number;
  window: string;
  invokedMinutes: Float64Array;
  coldMinutes: Float64Array;
  idleLoadedMinutes: Float64Array;
  wasteMbMinutes: Float64Array;
  /** 1 when the function's first invocation in the trace falls in the window: a cold start no policy can avoid. */
  firstInvocation: Uint8Array;
}

export interface ReplayResult {
  functions: TraceFunction[];
  outcomes: PolicyWindowOutcome[];
}

/**
 * Replays a trace minute by minute through keep-warm policies. Semantics (the usual reading of the published trace):
 * one instance per function; in each minute every policy first decides, from the minutes before only, whether the
 * instance is loaded; an invoked minute is cold when it is not; a loaded minute without invocation wastes the
 * function's median allocated memory for a minute. Then the minute's invocations are observed. A function is never
 * loaded before its first invocation, so that one is always cold.
 */
export function replayTrace(
  trace: AzureTrace,
  policies: ReplayedPolicy[],
  options: { functions?: TraceFunction[]; windows?: ReplayWindow[] } = {},
): ReplayResult {
  const functions = options.functions ?? trace.functions;
  const start = trace.firstMinute;
  const end = trace.firstMinute + trace.minuteCount;
  const windows = options.windows ?? [{ name: 'all', from: start, to: end }];
  const n = functions.length;
  const outcomes: PolicyWindowOutcome[][] = policies.map((p) =>
    windows.map((w) => ({
      policy: p.policy.name,
      family: p.family,
      parameter: p.parameter,
      window: w.name,
      invokedMinutes: new Float64Array(n),
      coldMinutes: new Float64Array(n),
      idleLoadedMinutes: new Float64Array(n),
      wasteMbMinutes: new Float64Array(n),
      firstInvocation: new Uint8Array(n),
    })),
  );
  for (const f of functions) {
    for (const p of policies) {
      p.policy.register({
        key: f.key,
        appKey: f.appKey,
        trigger: f.trigger,
        memoryMb: f.memoryMb,
        durationMs: f.durationMs,
      });
    }
  }
  const next = new Int32Array(n); // index of each function's next invoked minute
  const seen = new Uint8Array(n);
  const invokedNow: number[] = [];
  const loaded = new Uint8Array(policies.length);
  for (let minute = start; minute < end; minute++) {
    const inWindow = windows.map((w, i) => (minute >= w.from && minute < w.to ? i : -1)).filter((i) => i >= 0);
    invokedNow.length = 0;
    for (let i = 0; i < n; i++) {
      const f = functions[i];
      const invoked = next[i] < f.invokedMinutes.length && f.invokedMinutes[next[i]] === minute;
      if (!seen[i] && !invoked) continue;
      for (let p = 0; p < policies.length; p++) {
        loaded[p] = seen[i] && policies[p].policy.decide(f.key, minute).keepLoaded ? 1 : 0;
      }
      if (invoked) invokedNow.push(i);
      for (const w of inWindow) {
        for (let p = 0; p < policies.length; p++) {
          const o = outcomes[p][w];
          if (invoked) {
            o.invokedMinutes[i] += 1;
            if (!loaded[p]) o.coldMinutes[i] += 1;
            if (!seen[i]) o.firstInvocation[i] = 1;
          } else if (loaded[p]) {
            o.idleLoadedMinutes[i] += 1;
            o.wasteMbMinutes[i] += f.memoryMb;
          }
        }
      }
    }
    for (const i of invokedNow) {
      const f = functions[i];
      const count = f.invocations[next[i]];
      for (const p of policies) p.policy.observe(f.key, minute, count);
      next[i] += 1;
      seen[i] = 1;
    }
  }
  return { functions, outcomes: outcomes.flat() };
}
