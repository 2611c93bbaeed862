import { ArrivalForecaster } from '../forecast/arrival-forecaster';
import { shouldKeepLoaded, TailorKeepWarmPolicy } from './tailor-keep-warm.policy';

const timer = { key: 't', appKey: 'a', trigger: 'timer', memoryMb: 100, durationMs: 1000 };

/** Runs the online loop (decide every minute, then observe) over a timer firing every `period` minutes. */
function replayTimer(policy: TailorKeepWarmPolicy, period: number, minutes: number): boolean[] {
  const loaded: boolean[] = [];
  for (let m = 0; m < minutes; m++) {
    loaded.push(policy.decide('t', m).keepLoaded);
    if (m % period === 0) policy.observe('t', m, 1);
  }
  return loaded;
}

describe(shouldKeepLoaded.name, () => {
  it('should keep loaded when P·cold-start cost outweighs ratio·memory·(1−P)', () => {
    expect(shouldKeepLoaded(0.5, 100, 0.001)).toBe(true);
    expect(shouldKeepLoaded(0.05, 100, 0.001)).toBe(false);
  });

  it('should keep more warm as the ratio falls, and less for bigger instances', () => {
    expect(shouldKeepLoaded(0.01, 100, 1e-3)).toBe(false);
    expect(shouldKeepLoaded(0.01, 100, 1e-5)).toBe(true);
    expect(shouldKeepLoaded(0.01, 10, 5e-4)).toBe(true);
    expect(shouldKeepLoaded(0.01, 1000, 5e-4)).toBe(false);
  });

  it('should never keep a function with zero probability, and always one that is certain', () => {
    expect(shouldKeepLoaded(0, 1, 0)).toBe(false);
    expect(shouldKeepLoaded(1, 10_000, 1)).toBe(true);
  });
});

describe(TailorKeepWarmPolicy.name, () => {
  describe('decide', () => {
    it('should not load a function that has never been invoked', () => {
      const policy = new TailorKeepWarmPolicy({ costRatio: 1e-4 });
      policy.register(timer);
      expect(policy.decide('t', 0)).toEqual({ keepLoaded: false, expectedConcurrency: 0 });
    });

    it('should learn a timer’s period and load it only in the minutes it fires, once trained', () => {
      const policy = new TailorKeepWarmPolicy({ costRatio: 1e-3 });
      policy.register(timer);
      const loaded = replayTimer(policy, 15, 600);
      const late = loaded.slice(300);
      const firing = late.filter((_, i) => (300 + i) % 15 === 0);
      const idle = late.filter((_, i) => (300 + i) % 15 !== 0);
      expect(firing.every(Boolean)).toBe(true);
      expect(idle.filter(Boolean).length).toBeLessThan(idle.length / 10);
      expect(policy.forecaster.trainingCount).toBeGreaterThan(0);
    });

    it('should plan a pre-warm at the next predicted tick when it unloads', () => {
      const policy = new TailorKeepWarmPolicy({ costRatio: 1e-3 });
      policy.register(timer);
      replayTimer(policy, 15, 601);
      const decision = policy.decide('t', 602, { prewarmHorizon: 30 });
      expect(decision.keepLoaded).toBe(false);
      expect(decision.prewarmAt).toBe(615);
    });

    it('should report the concurrency needed while loaded', () => {
      const policy = new TailorKeepWarmPolicy({ costRatio: 1e-6 });
      policy.register({ ...timer, durationMs: 30_000 });
      for (let m = 0; m < 10; m++) {
        policy.decide('t', m);
        policy.observe('t', m, 4);
      }
      expect(policy.decide('t', 10)).toEqual({ keepLoaded: true, expectedConcurrency: 2 });
    });

    it('should let several ratios share one forecaster without double counting', () => {
      const forecaster = new ArrivalForecaster();
      const eager = new TailorKeepWarmPolicy({ costRatio: 1e-7, forecaster });
      const frugal = new TailorKeepWarmPolicy({ costRatio: 1e-1, forecaster });
      for (const p of [eager, frugal]) p.register(timer);
      for (const p of [eager, frugal]) p.observe('t', 0, 1);
      expect(forecaster.meanInvocations('t')).toBe(1);
      expect(eager.decide('t', 5).keepLoaded).toBe(true);
      expect(frugal.decide('t', 5).keepLoaded).toBe(false);
    });
  });

  it('should reject a negative or non-finite ratio', () => {
    expect(() => new TailorKeepWarmPolicy({ costRatio: -1 })).toThrow(RangeError);
    expect(() => new TailorKeepWarmPolicy({ costRatio: Number.NaN })).toThrow(RangeError);
  });
});
