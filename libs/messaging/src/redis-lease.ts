import { randomUUID } from 'node:crypto';

import type Redis from 'ioredis';

const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

/**
 * A lease in Redis: one holder at a time of `key`, across processes. Taken with SET NX PX; renewed and released only by
 * its holder; a holder that dies (stops renewing) loses it after `leaseMs`.
 */
export class RedisLease {
  constructor(
    private readonly redis: Redis,
    private readonly key: string,
    private readonly leaseMs: number,
    readonly holderId: string = randomUUID(),
  ) {}

  /** Takes the lease, or renews it when this holder has it; false when another holder does. */
  async acquire(): Promise<boolean> {
    const renewed = await this.redis.eval(RENEW, 1, this.key, this.holderId, this.leaseMs);
    if (renewed === 1) return true;
    return (await this.redis.set(this.key, this.holderId, 'PX', this.leaseMs, 'NX')) === 'OK';
  }

  /** Runs `work` (of the holder), renewing the lease meanwhile so that long work never outlives it. */
  async keptDuring<T>(work: () => Promise<T>): Promise<T> {
    const renewing = setInterval(
      () => void this.redis.eval(RENEW, 1, this.key, this.holderId, this.leaseMs).catch(() => undefined),
      Math.max(1, Math.floor(this.leaseMs / 3)),
    );
    try {
      return await work();
    } finally {
      clearInterval(renewing);
    }
  }

  /** Runs `work` under the lease and releases it after, or returns undefined at once when another holder has it. */
  async whileHeld<T>(work: () => Promise<T>): Promise<{ value: T } | undefined> {
    if (!(await this.acquire())) return undefined;
    try {
      return { value: await work() };
    } finally {
      await this.release();
    }
  }

  async release(): Promise<void> {
    await this.redis.eval(RELEASE, 1, this.key, this.holderId);
  }

  holder(): Promise<string | null> {
    return this.redis.get(this.key);
  }
}
