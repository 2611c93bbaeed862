import { randomBytes } from 'node:crypto';

import Redis from 'ioredis';

import { RedisLease } from './redis-lease';

describe(`${RedisLease.name} on the real Redis`, () => {
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');

  afterAll(() => redis.quit());

  describe('whileHeld', () => {
    it('should run work under the lease, refuse a second holder meanwhile, and release it after', async () => {
      const key = `lease-${randomBytes(4).toString('hex')}:work`;
      const [first, second] = [new RedisLease(redis, key, 10_000), new RedisLease(redis, key, 10_000)];

      const outcome = await first.whileHeld(async () => ({ during: await second.whileHeld(async () => 'second') }));

      expect(outcome).toEqual({ value: { during: undefined } });
      expect(await first.holder()).toBeNull();
      expect(await second.whileHeld(async () => 'second')).toEqual({ value: 'second' });
    });
  });
});
