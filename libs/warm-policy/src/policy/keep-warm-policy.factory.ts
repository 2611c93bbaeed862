import { FixedKeepAlivePolicy } from './fixed-keep-alive.policy';
import { HybridHistogramPolicy } from './hybrid-histogram.policy';
import type { KeepWarmPolicy } from './keep-warm-policy';
import { TailorKeepWarmPolicy } from './tailor-keep-warm.policy';

export const KEEP_WARM_POLICY_KINDS = ['tailor', 'fixed', 'hybrid'] as const;
export type KeepWarmPolicyKind = (typeof KEEP_WARM_POLICY_KINDS)[number];

/** The provisioner's settings of its keep-warm policy (WARM_POLICY and the parameter of each kind). */
export interface KeepWarmPolicySettings {
  WARM_POLICY: KeepWarmPolicyKind;
  WARM_POLICY_COST_RATIO: number;
  WARM_POLICY_KEEP_ALIVE_MINUTES: number;
}

/** The keep-warm policy of WARM_POLICY, the same code the offline replay evaluates. */
export function createKeepWarmPolicy(settings: KeepWarmPolicySettings): KeepWarmPolicy {
  switch (settings.WARM_POLICY) {
    case 'tailor':
      return new TailorKeepWarmPolicy({ costRatio: settings.WARM_POLICY_COST_RATIO });
    case 'fixed':
      return new FixedKeepAlivePolicy(settings.WARM_POLICY_KEEP_ALIVE_MINUTES);
    case 'hybrid':
      return new HybridHistogramPolicy();
  }
}
