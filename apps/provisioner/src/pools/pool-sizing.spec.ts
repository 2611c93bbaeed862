import { allocateBudget, type DemandSignals, planPool, poolDemand, type MemberView, type PoolDemand, type SizedPool } from './pool-sizing';

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

    it('should skip a container that does not fit, so that a smaller pool can use what is left', () => {
      const allocation = allocateBudget(
        [demand('large', { desired: 2, memoryMb: 1024, benefit: 0.9 }), demand('small', { desired: 2, memoryMb: 128, benefit: 0.1 })],
        1024 + 256,
        50,
      );
      expect(Object.fromEntries(allocation)).toEqual({ large: 1, small: 2 });
    });

    it('should keep a pre-warm past the cap of its pool only as far as the budget allows', () => {
      const allocation = allocateBudget([demand('prewarmed', { guaranteed: 5, desired: 1 })], 3 * 256, 2);
      expect(Object.fromEntries(allocation)).toEqual({ prewarmed: 3 });
    });

    it('should give nothing to a pool that asks for nothing', () => {
      expect(Object.fromEntries(allocateBudget([demand('quiet', {})], 10_000, 50))).toEqual({ quiet: 0 });
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

    it('should stop the containers of a superseded image even when the pool is short', () => {
      const plan = planPool([member('covering', 'starting', 'covering-img'), member('exact', 'idle', 'exact-img')], 3, 'exact-img');
      expect(plan).toEqual({ start: 2, stop: ['covering'] });
    });

    it('should ignore claimed and stopping containers', () => {
      expect(planPool([member('c', 'claimed'), member('x', 'stopping')], 1, 'img')).toEqual({ start: 1, stop: [] });
    });
  });

  describe(poolDemand.name, () => {
    const NOW = Date.parse('2026-12-04T10:00:00.000Z');
    const later = new Date(NOW + 60_000);
    const earlier = new Date(NOW - 60_000);
    const pool = (overrides: Partial<SizedPool> = {}): SizedPool => ({
      profileHash: 'p',
      memoryMb: 256,
      minSize: 0,
      minSizeUntil: null,
      floorUntil: null,
      ...overrides,
    });
    const idlePolicy = jest.fn(() => ({ keepLoaded: false, expectedConcurrency: 0, prewarmNextMinute: false }));
    const signals = (overrides: Partial<DemandSignals> = {}): DemandSignals => ({ now: NOW, reactiveFloor: 2, policy: idlePolicy, ...overrides });

    beforeEach(() => idlePolicy.mockClear());

    it('should ask for the forecast concurrency when keeping it pays, without asking the online policy', () => {
      const demand = poolDemand(pool(), signals({ forecast: { benefit: 0.8, worthKeeping: true, expectedConcurrency: 3 } }));
      expect(demand).toEqual({ key: 'p', memoryMb: 256, desired: 3, guaranteed: 0, benefit: 0.8 });
      expect(idlePolicy).not.toHaveBeenCalled();
    });

    it('should ask for at least one container when the forecast is worth keeping', () => {
      const demand = poolDemand(pool(), signals({ forecast: { benefit: 0.6, worthKeeping: true, expectedConcurrency: 0 } }));
      expect(demand.desired).toBe(1);
    });

    it('should ask for nothing when the forecast does not pay, and keep its probability as the benefit', () => {
      const demand = poolDemand(pool(), signals({ forecast: { benefit: 0.01, worthKeeping: false, expectedConcurrency: 4 } }));
      expect(demand).toMatchObject({ desired: 0, benefit: 0.01 });
    });

    it('should follow the online policy without a forecast: kept loaded, pre-warmed for the next minute, or idle', () => {
      const kept = poolDemand(pool(), signals({ policy: () => ({ keepLoaded: true, expectedConcurrency: 2, prewarmNextMinute: false }) }));
      const prewarmed = poolDemand(pool(), signals({ policy: () => ({ keepLoaded: false, expectedConcurrency: 0, prewarmNextMinute: true }) }));
      const idle = poolDemand(pool(), signals());
      expect([kept, prewarmed, idle].map(({ desired, benefit }) => [desired, benefit])).toEqual([
        [2, 0.5],
        [1, 0.5],
        [0, 0],
      ]);
    });

    it('should keep the reactive floor while it lasts', () => {
      expect(poolDemand(pool({ floorUntil: later }), signals())).toMatchObject({ desired: 2, benefit: 0.5 });
      expect(poolDemand(pool({ floorUntil: earlier }), signals())).toMatchObject({ desired: 0, benefit: 0 });
    });

    it('should not lower a forecast above the floor', () => {
      const demand = poolDemand(pool({ floorUntil: later }), signals({ forecast: { benefit: 0.9, worthKeeping: true, expectedConcurrency: 5 } }));
      expect(demand).toMatchObject({ desired: 5, benefit: 0.9 });
    });

    it('should guarantee an operator’s pre-warm until it ends', () => {
      expect(poolDemand(pool({ minSize: 4, minSizeUntil: later }), signals()).guaranteed).toBe(4);
      expect(poolDemand(pool({ minSize: 4, minSizeUntil: earlier }), signals()).guaranteed).toBe(0);
    });
  });
});
