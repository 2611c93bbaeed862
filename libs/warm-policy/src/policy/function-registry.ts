import type { FunctionInfo } from './keep-warm-policy';

/** Per-function state kept by a policy, created at registration. */
export class FunctionRegistry<S> {
  private readonly states = new Map<string, S>();

  constructor(private readonly create: (info: FunctionInfo) => S) {}

  register(info: FunctionInfo): S {
    const existing = this.states.get(info.key);
    if (existing) return existing;
    const state = this.create(info);
    this.states.set(info.key, state);
    return state;
  }

  get(key: string): S {
    const state = this.states.get(key);
    if (!state) throw new Error(`Unknown function ${key}: register it before observing or deciding`);
    return state;
  }
}

/** Instances needed for `invocationsPerMinute` invocations each lasting `durationMs`; at least one. */
export function concurrencyFor(invocationsPerMinute: number, durationMs: number | undefined): number {
  if (durationMs === undefined || !Number.isFinite(durationMs) || durationMs <= 0) return 1;
  return Math.max(1, Math.ceil((invocationsPerMinute * durationMs) / 60_000));
}
