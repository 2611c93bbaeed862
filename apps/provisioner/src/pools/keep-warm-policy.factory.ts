import type { ProvisionerEnv } from '../config/provisioner-env.schema';
import {
  FixedKeepAlivePolicy,
  HybridHistogramPolicy,
  type KeepWarmPolicy,
  TailorKeepWarmPolicy,
} from '@tailor/warm-policy';

/** The keep-warm policy of WARM_POLICY, the same code the offline replay evaluates. */
export function createKeepWarmPolicy(
  config: Pick<ProvisionerEnv, 'WARM_POLICY' | 'WARM_POLICY_COST_RATIO' | 'WARM_POLICY_KEEP_ALIVE_MINUTES'>,
): KeepWarmPolicy {
  switch (config.WARM_POLICY) {
    case 'tailor':
      return new TailorKeepWarmPolicy({ costRatio: config.WARM_POLICY_COST_RATIO });
    case 'fixed':
      return new FixedKeepAlivePolicy(config.WARM_POLICY_KEEP_ALIVE_MINUTES);
    case 'hybrid':
      return new HybridHistogramPolicy();
  }
}
