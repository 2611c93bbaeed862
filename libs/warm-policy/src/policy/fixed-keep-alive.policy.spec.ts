import { FixedKeepAlivePolicy } from './fixed-keep-alive.policy';

const info = { key: 'f', appKey: 'a', trigger: 'http', memoryMb: 100, durationMs: 30_000 };

describe(FixedKeepAlivePolicy.name, () => {
  describe('decide', () => {
    it('should never load a function before its first invocation', () => {
      const policy = new FixedKeepAlivePolicy(10);
      policy.register(info);
      expect(policy.decide('f', 0).keepLoaded).toBe(false);
    });

    it('should keep the instance for exactly K minutes after the last invoked minute', () => {
      const policy = new FixedKeepAlivePolicy(10);
      policy.register(info);
      policy.observe('f', 100, 1);
      expect(policy.decide('f', 101).keepLoaded).toBe(true);
      expect(policy.decide('f', 110).keepLoaded).toBe(true);
      expect(policy.decide('f', 111).keepLoaded).toBe(false);
    });

    it('should restart the keep-alive at each invoked minute and ignore minutes without invocation', () => {
      const policy = new FixedKeepAlivePolicy(5);
      policy.register(info);
      policy.observe('f', 0, 1);
      policy.observe('f', 4, 2);
      policy.observe('f', 6, 0);
      expect(policy.decide('f', 9).keepLoaded).toBe(true);
      expect(policy.decide('f', 10).keepLoaded).toBe(false);
    });

    it('should size the concurrency from the last minute’s invocations and the duration', () => {
      const policy = new FixedKeepAlivePolicy(10);
      policy.register(info);
      policy.observe('f', 0, 5);
      expect(policy.decide('f', 1)).toEqual({ keepLoaded: true, expectedConcurrency: 3 });
      expect(policy.decide('f', 20).expectedConcurrency).toBe(0);
    });

    it('should keep nothing with K = 0', () => {
      const policy = new FixedKeepAlivePolicy(0);
      policy.register(info);
      policy.observe('f', 0, 1);
      expect(policy.decide('f', 1).keepLoaded).toBe(false);
    });
  });

  it('should reject a negative or fractional keep-alive', () => {
    expect(() => new FixedKeepAlivePolicy(-1)).toThrow(RangeError);
    expect(() => new FixedKeepAlivePolicy(1.5)).toThrow(RangeError);
  });

  it('should refuse an unregistered function', () => {
    expect(() => new FixedKeepAlivePolicy(10).decide('nope', 0)).toThrow(/Unknown function nope/);
  });
});
