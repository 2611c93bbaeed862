import { Injectable } from '@nestjs/common';
import { InjectConfig, InjectNamespace } from '@tailor/config';
import { RedisLease } from '@tailor/messaging';
import { InjectRedis } from '@tailor/platform';
import type Redis from 'ioredis';

import { poolsConfig, type PoolsConfig } from '../config/provisioner-config.groups';

/**
 * The reconciler's lease: one replica at a time sizes the pools. Renewed on each cycle and, while a cycle runs, every
 * third of POOL_LEASE_MS; released on shutdown; a replica that dies loses it after POOL_LEASE_MS.
 */
@Injectable()
export class ReconcileLease extends RedisLease {
  constructor(
    @InjectRedis() redis: Redis,
    @InjectNamespace() namespace: string,
    @InjectConfig(poolsConfig) pools: PoolsConfig,
  ) {
    super(redis, `${namespace}:provisioner:reconcile-lease`, pools.leaseMs);
  }
}
