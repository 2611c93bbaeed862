import { warmPolicyConfig } from '../config/provisioner-config.groups';
import type { ProvisionerEnv } from '../config/provisioner-env.schema';
import { PolicyClock } from './policy-clock';

const clockOf = (env: Partial<ProvisionerEnv>) => new PolicyClock(warmPolicyConfig.select(env as ProvisionerEnv));

describe(PolicyClock.name, () => {
  describe('minuteOf', () => {
    it('should count real minutes since the Unix epoch when the clock is not compressed', () => {
      const clock = clockOf({});
      expect(clock.compressed).toBe(false);
      expect(clock.minuteOf(Date.UTC(2026, 10, 28, 10, 0, 59, 999))).toBe(Date.UTC(2026, 10, 28, 10, 0) / 60_000);
    });

    it('should count compressed minutes from the origin, so that a trace minute can be made the current one', () => {
      const origin = Date.UTC(2026, 10, 28, 10, 0);
      const clock = clockOf({ WARM_POLICY_MINUTE_MS: 1500, WARM_POLICY_CLOCK_ORIGIN: new Date(origin).toISOString() });
      expect(clock.compressed).toBe(true);
      expect(clock.minuteOf(origin + 480 * 1500)).toBe(480);
      expect(clock.minuteOf(origin + 481 * 1500 - 1)).toBe(480);
      expect(clock.startOf(481)).toBe(origin + 481 * 1500);
    });
  });
});
