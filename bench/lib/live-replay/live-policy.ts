import {
  FixedKeepAlivePolicy,
  HybridHistogramPolicy,
  type ReplayedPolicy,
  TailorKeepWarmPolicy,
} from '@tailor/warm-policy';

/** A keep-warm policy the live replay runs the provisioner with (WARM_POLICY and its parameter). */
export type LivePolicy =
  | { kind: 'tailor'; costRatio: number; label: string }
  | { kind: 'fixed'; keepAliveMinutes: number; label: string }
  | { kind: 'hybrid'; label: string };

/** `tailor:1e-4,fixed:10,hybrid` → the policies, in that order. */
export function parsePolicies(list: string): LivePolicy[] {
  return list.split(',').map((item) => {
    const [kind, value] = item.trim().split(':');
    if (kind === 'tailor' && Number(value) >= 0)
      return { kind, costRatio: Number(value), label: `tailor ratio ${value}` };
    if (kind === 'fixed' && Number.isInteger(Number(value))) {
      return { kind, keepAliveMinutes: Number(value), label: `fixed-${value}` };
    }
    if (kind === 'hybrid' && value === undefined) return { kind, label: 'hybrid-histogram' };
    throw new Error(`LIVE_REPLAY_POLICIES: cannot read "${item}" (tailor:<ratio>, fixed:<minutes> or hybrid)`);
  });
}

/** The provisioner's settings of the policy. */
export function policyEnv(policy: LivePolicy): Record<string, string> {
  switch (policy.kind) {
    case 'tailor':
      return { WARM_POLICY: 'tailor', WARM_POLICY_COST_RATIO: String(policy.costRatio) };
    case 'fixed':
      return { WARM_POLICY: 'fixed', WARM_POLICY_KEEP_ALIVE_MINUTES: String(policy.keepAliveMinutes) };
    case 'hybrid':
      return { WARM_POLICY: 'hybrid' };
  }
}

/** The same policy for the offline replay (the code the provisioner runs, fed from the trace instead). */
export function offlinePolicy(policy: LivePolicy): ReplayedPolicy {
  switch (policy.kind) {
    case 'tailor':
      return {
        policy: new TailorKeepWarmPolicy({ costRatio: policy.costRatio }),
        family: 'tailor',
        parameter: policy.costRatio,
      };
    case 'fixed':
      return {
        policy: new FixedKeepAlivePolicy(policy.keepAliveMinutes),
        family: 'fixed',
        parameter: policy.keepAliveMinutes,
      };
    case 'hybrid':
      return { policy: new HybridHistogramPolicy(), family: 'hybrid' };
  }
}
