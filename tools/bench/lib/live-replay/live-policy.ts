import type { ReplayedPolicy } from '@tailor/trace-replay';
import { createKeepWarmPolicy } from '@tailor/warm-policy';

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
  return Object.fromEntries(Object.entries(policySettings(policy)).map(([name, value]) => [name, String(value)]));
}

/** The same policy for the offline replay: made by the provisioner's own factory from the same settings. */
export function offlinePolicy(policy: LivePolicy): ReplayedPolicy {
  const settings = { WARM_POLICY_COST_RATIO: 0, WARM_POLICY_KEEP_ALIVE_MINUTES: 0, ...policySettings(policy) };
  const made = createKeepWarmPolicy(settings);
  switch (policy.kind) {
    case 'tailor':
      return { policy: made, family: 'tailor', parameter: policy.costRatio };
    case 'fixed':
      return { policy: made, family: 'fixed', parameter: policy.keepAliveMinutes };
    case 'hybrid':
      return { policy: made, family: 'hybrid' };
  }
}

function policySettings(policy: LivePolicy) {
  switch (policy.kind) {
    case 'tailor':
      return { WARM_POLICY: 'tailor' as const, WARM_POLICY_COST_RATIO: policy.costRatio };
    case 'fixed':
      return { WARM_POLICY: 'fixed' as const, WARM_POLICY_KEEP_ALIVE_MINUTES: policy.keepAliveMinutes };
    case 'hybrid':
      return { WARM_POLICY: 'hybrid' as const };
  }
}
