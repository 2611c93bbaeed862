import { Injectable } from '@nestjs/common';
import { InjectNamespace } from '@tailor/config';
import { RedisLease } from '@tailor/messaging';
import { InjectRedis } from '@tailor/platform';
import Redis from 'ioredis';

const LEASE_MS = 60 * 60_000;

/** A Redis lease that keeps two retrains from running at once, across every predictor replica of the namespace. */
@Injectable()
export class RetrainLock {
  private readonly key: string;

  constructor(
    @InjectRedis() private readonly redis: Redis,
    @InjectNamespace() namespace: string,
  ) {
    this.key = `${namespace}:predictor:retrain-lock`;
  }

  /** Runs `work` under the lease (taken for this run only), or returns undefined at once when another retrain holds it. */
  run<T>(work: () => Promise<T>): Promise<{ value: T } | undefined> {
    return new RedisLease(this.redis, this.key, LEASE_MS).whileHeld(work);
  }
}
