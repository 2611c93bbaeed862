import { randomUUID } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import { InjectConfig, InjectNamespace } from '@tailor/config';
import { InjectRedis } from '@tailor/platform';
import type Redis from 'ioredis';

import { poolsConfig, type PoolsConfig } from '../config/provisioner-config.groups';

const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

/**
 * The reconciler's lease: one replica at a time sizes the pools. Taken with SET NX PX, renewed (only by its holder) on
 * each cycle and, while a cycle runs, every third of POOL_LEASE_MS; released on shutdown; a replica that dies loses it
 * after POOL_LEASE_MS.
 */
@Injectable()
export class ReconcileLease {
  readonly holderId = randomUUID();
  private readonly key: string;
  private readonly leaseMs: number;

  constructor(
    @InjectRedis() private readonly redis: Redis,
    @InjectNamespace() namespace: string,
    @InjectConfig(poolsConfig) pools: PoolsConfig,
  ) {
    this.key = `${namespace}:provisioner:reconcile-lease`;
    this.leaseMs = pools.leaseMs;
  }

  /** Takes the lease, or renews it when this replica holds it; false when another replica does. */
  async acquire(): Promise<boolean> {
    const renewed = await this.redis.eval(RENEW, 1, this.key, this.holderId, this.leaseMs);
    if (renewed === 1) return true;
    return (await this.redis.set(this.key, this.holderId, 'PX', this.leaseMs, 'NX')) === 'OK';
  }

  /** Runs `work` (a cycle of the holder), renewing the lease meanwhile so that a long cycle never outlives it. */
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

  async release(): Promise<void> {
    await this.redis.eval(RELEASE, 1, this.key, this.holderId);
  }

  holder(): Promise<string | null> {
    return this.redis.get(this.key);
  }
}
