import { allocateBudget, planPool, type MemberView, type PoolDemand } from './pool-sizing';

describe('pool sizing', () => {
  describe(allocateBudget.name, () => {
    const demand = (key: string, overrides: Partial<PoolDemand>): PoolDemand => ({
      key,
      memoryMb: 256,
      desired: 0,
      guaranteed: 0,
      benefit: 0.5,
      ...overrides,
    });

    it('should give every pool what it asks when the budget allows', () => {
      const allocation = allocateBudget([demand('a', { desired: 2 }), demand('b', { desired: 3 })], 10_000, 50);
      expect(Object.fromEntries(allocation)).toEqual({ a: 2, b: 3 });
    });

    it('should share a tight budget by expected benefit per MB', () => {
      const allocation = allocateBudget(
        [demand('likely', { desired: 2, benefit: 0.9 }), demand('unlikely', { desired: 2, benefit: 0.1 })],
        3 * 256,
        50,
      );
      expect(Object.fromEntries(allocation)).toEqual({ likely: 2, unlikely: 1 });
    });

    it('should prefer a small runtime over a large one of the same probability', () => {
      const allocation = allocateBudget(
        [demand('large', { desired: 1, memoryMb: 1024 }), demand('small', { desired: 1, memoryMb: 128 })],
        1024,
        50,
      );
      expect(Object.fromEntries(allocation)).toEqual({ large: 0, small: 1 });
    });

    it('should serve guaranteed (pre-warmed) containers first and cap each pool', () => {
      const allocation = allocateBudget(
        [demand('prewarmed', { guaranteed: 3, benefit: 0 }), demand('hot', { desired: 100, benefit: 1 })],
        6 * 256,
        2,
      );
      expect(Object.fromEntries(allocation)).toEqual({ prewarmed: 3, hot: 2 });
    });
  });

  describe(planPool.name, () => {
    const member = (id: string, state: MemberView['state'], imageRef = 'img', idleMinutesAgo = 0): MemberView => ({
      id,
      state,
      imageRef,
      idleSince: state === 'idle' ? new Date(Date.now() - idleMinutesAgo * 60_000) : null,
    });

    it('should start the missing containers', () => {
      expect(planPool([member('a', 'idle')], 3, 'img')).toEqual({ start: 2, stop: [] });
    });

    it('should stop the excess, longest idle first, never a starting one', () => {
      const plan = planPool([member('new', 'idle', 'img', 1), member('old', 'idle', 'img', 30), member('s', 'starting')], 1, 'img');
      expect(plan).toEqual({ start: 0, stop: ['old', 'new'] });
    });

    it('should replace containers of an image the pool no longer uses', () => {
      expect(planPool([member('covering', 'idle', 'covering-img')], 1, 'exact-img')).toEqual({ start: 1, stop: ['covering'] });
    });

    it('should ignore claimed and stopping containers', () => {
      expect(planPool([member('c', 'claimed'), member('x', 'stopping')], 1, 'img')).toEqual({ start: 1, stop: [] });
    });
  });
});
