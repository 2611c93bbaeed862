import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { RedisLease } from '@tailor/messaging';
import { InjectRedis } from '@tailor/platform';
import type Redis from 'ioredis';

import type { ProvisionerEnv } from '../config/provisioner-env.schema';

/**
 * The reconciler's lease: one replica at a time sizes the pools. Renewed on each cycle and, while a cycle runs, every
 * third of POOL_LEASE_MS; released on shutdown; a replica that dies loses it after POOL_LEASE_MS.
 */
@Injectable()
export class ReconcileLease extends RedisLease {
  constructor(@InjectRedis() redis: Redis, config: ConfigService<ProvisionerEnv, true>) {
    super(
      redis,
      `${config.get('TAILOR_NAMESPACE', { infer: true })}:provisioner:reconcile-lease`,
      config.get('POOL_LEASE_MS', { infer: true }),
    );
  }
}
