import { Injectable } from '@nestjs/common';
import { InjectConfig } from '@tailor/config';

import { warmPolicyConfig, type WarmPolicyConfig } from '../config/provisioner-config.groups';

const REAL_MINUTE_MS = 60_000;

/**
 * The minutes the keep-warm policy counts arrivals in and decides for: real minutes since the Unix epoch, unless
 * WARM_POLICY_MINUTE_MS and WARM_POLICY_CLOCK_ORIGIN compress time (a trace replayed faster than real time).
 */
@Injectable()
export class PolicyClock {
  readonly minuteMs: number;
  readonly originMs: number;
  /** true when WARM_POLICY_MINUTE_MS is set: the reconciler then runs at the start of each policy minute */
  readonly compressed: boolean;

  constructor(@InjectConfig(warmPolicyConfig) warmPolicy: WarmPolicyConfig) {
    const minuteMs = warmPolicy.minuteMs;
    const origin = warmPolicy.clockOrigin;
    this.minuteMs = minuteMs ?? REAL_MINUTE_MS;
    this.originMs = origin === undefined ? 0 : Date.parse(origin);
    this.compressed = minuteMs !== undefined;
  }

  minuteOf(ms = Date.now()): number {
    return Math.floor((ms - this.originMs) / this.minuteMs);
  }

  startOf(minute: number): number {
    return this.originMs + minute * this.minuteMs;
  }
}
