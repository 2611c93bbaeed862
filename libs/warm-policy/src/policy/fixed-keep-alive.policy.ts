import { concurrencyFor, FunctionRegistry } from './function-registry';
import type { FunctionInfo, KeepWarmDecision, KeepWarmPolicy } from './keep-warm-policy';

interface FixedState {
  info: FunctionInfo;
  lastInvoked: number;
  lastCount: number;
}

/**
 * The standard fixed keep-alive: after the last invoked minute `m`, the instance stays loaded in minutes
 * `m+1 … m+K` and is unloaded after. An invocation at `m+g` is warm iff `g <= K`. A function is never loaded before
 * its first invocation (that first invocation is always cold).
 */
export class FixedKeepAlivePolicy implements KeepWarmPolicy {
  readonly name: string;
  private readonly functions = new FunctionRegistry<FixedState>((info) => ({
    info,
    lastInvoked: Number.NEGATIVE_INFINITY,
    lastCount: 0,
  }));

  constructor(readonly keepAliveMinutes: number) {
    if (!Number.isInteger(keepAliveMinutes) || keepAliveMinutes < 0) {
      throw new RangeError(`keepAliveMinutes must be a non-negative integer, got ${keepAliveMinutes}`);
    }
    this.name = `fixed-${keepAliveMinutes}`;
  }

  register(info: FunctionInfo): void {
    this.functions.register(info);
  }

  observe(key: string, minute: number, invocations: number): void {
    if (invocations <= 0) return;
    const state = this.functions.get(key);
    state.lastInvoked = minute;
    state.lastCount = invocations;
  }

  decide(key: string, minute: number): KeepWarmDecision {
    const state = this.functions.get(key);
    const keepLoaded = minute - state.lastInvoked <= this.keepAliveMinutes;
    return {
      keepLoaded,
      expectedConcurrency: keepLoaded ? concurrencyFor(state.lastCount, state.info.durationMs) : 0,
    };
  }
}
