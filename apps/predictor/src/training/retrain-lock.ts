import { randomUUID } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import { InjectNamespace } from '@tailor/config';
import { InjectRedis } from '@tailor/platform';
import Redis from 'ioredis';

const LEASE_MS = 60 * 60_000;
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

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

  /** Runs `work` under the lease, or returns undefined at once when another retrain holds it. */
  async run<T>(work: () => Promise<T>): Promise<{ value: T } | undefined> {
    const token = randomUUID();
    if ((await this.redis.set(this.key, token, 'PX', LEASE_MS, 'NX')) !== 'OK') return undefined;
    try {
      return { value: await work() };
    } finally {
      await this.redis.eval(RELEASE, 1, this.key, token);
    }
  }
}
