import { ArrivalForecaster } from '../forecast/arrival-forecaster';
import { concurrencyFor } from './function-registry';
import type { DecideOptions, FunctionInfo, KeepWarmDecision, KeepWarmPolicy } from './keep-warm-policy';

/**
 * The keep-warm rule: keep one instance loaded in a minute when the expected cost of a cold start avoided outweighs
 * the expected cost of idle memory, `P·1 > ratio·memoryMb·(1 − P)`, where P is the forecast probability of an
 * invocation in that minute and `costRatio` is the price of one idle MB·minute in cold starts (the one knob operators
 * turn to pick their point on the cold-start / memory curve: smaller keeps more warm).
 */
export function shouldKeepLoaded(probability: number, memoryMb: number, costRatio: number): boolean {
  return probability > costRatio * Math.max(memoryMb, 1) * (1 - probability);
}

export interface TailorPolicyOptions {
  costRatio: number;
  /** Shared forecaster (e.g. one per replay for several ratios); a private one is created otherwise. */
  forecaster?: ArrivalForecaster;
}

/**
 * Tailor's keep-warm policy: the learned per-minute arrival forecast weighed against the idle memory. As each minute
 * is decided on its own, the instance is unloaded during a predictable gap and pre-warmed just before the predicted
 * arrival (e.g. a timer's next tick) whenever that costs less than keeping it.
 */
export class TailorKeepWarmPolicy implements KeepWarmPolicy {
  readonly name: string;
  readonly forecaster: ArrivalForecaster;
  private readonly costRatio: number;

  constructor(options: TailorPolicyOptions) {
    if (!(options.costRatio >= 0) || !Number.isFinite(options.costRatio)) {
      throw new RangeError(`costRatio must be a finite non-negative number, got ${options.costRatio}`);
    }
    this.costRatio = options.costRatio;
    this.forecaster = options.forecaster ?? new ArrivalForecaster();
    this.name = `tailor(ratio=${options.costRatio.toExponential(0)})`;
  }

  register(info: FunctionInfo): void {
    this.forecaster.register(info);
  }

  observe(key: string, minute: number, invocations: number): void {
    this.forecaster.observe(key, minute, invocations);
  }

  decide(key: string, minute: number, options: DecideOptions = {}): KeepWarmDecision {
    const entry = this.forecaster.entry(key);
    const { info } = entry;
    const probability = this.forecaster.probabilityOf(entry, minute);
    if (shouldKeepLoaded(probability, info.memoryMb, this.costRatio)) {
      return { keepLoaded: true, expectedConcurrency: concurrencyFor(entry.history.meanInvocations, info.durationMs) };
    }
    const horizon = options.prewarmHorizon ?? 0;
    if (horizon <= 0 || probability === 0) return { keepLoaded: false, expectedConcurrency: 0 };
    const ahead = this.forecaster.forecast(key, minute + 1, horizon);
    const next = ahead.findIndex((p) => shouldKeepLoaded(p, info.memoryMb, this.costRatio));
    return { keepLoaded: false, prewarmAt: next === -1 ? undefined : minute + 1 + next, expectedConcurrency: 0 };
  }
}
