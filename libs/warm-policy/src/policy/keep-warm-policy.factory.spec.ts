import { FixedKeepAlivePolicy } from './fixed-keep-alive.policy';
import { HybridHistogramPolicy } from './hybrid-histogram.policy';
import { createKeepWarmPolicy, type KeepWarmPolicySettings } from './keep-warm-policy.factory';
import { TailorKeepWarmPolicy } from './tailor-keep-warm.policy';

const SETTINGS: Omit<KeepWarmPolicySettings, 'WARM_POLICY'> = {
  WARM_POLICY_COST_RATIO: 1e-4,
  WARM_POLICY_KEEP_ALIVE_MINUTES: 10,
};

describe(createKeepWarmPolicy.name, () => {
  it('should make the policy WARM_POLICY names', () => {
    expect(createKeepWarmPolicy({ ...SETTINGS, WARM_POLICY: 'tailor' })).toBeInstanceOf(TailorKeepWarmPolicy);
    expect(createKeepWarmPolicy({ ...SETTINGS, WARM_POLICY: 'fixed' })).toBeInstanceOf(FixedKeepAlivePolicy);
    expect(createKeepWarmPolicy({ ...SETTINGS, WARM_POLICY: 'hybrid' })).toBeInstanceOf(HybridHistogramPolicy);
  });

  it('should give a fixed policy the keep-alive minutes of WARM_POLICY_KEEP_ALIVE_MINUTES', () => {
    expect(createKeepWarmPolicy({ ...SETTINGS, WARM_POLICY: 'fixed', WARM_POLICY_KEEP_ALIVE_MINUTES: 20 }).name).toBe(
      'fixed-20',
    );
  });

  it('should give Tailor’s policy the cost ratio of WARM_POLICY_COST_RATIO', () => {
    expect(createKeepWarmPolicy({ ...SETTINGS, WARM_POLICY: 'tailor', WARM_POLICY_COST_RATIO: 2e-5 }).name).toBe(
      'tailor(ratio=2e-5)',
    );
  });
});
