import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectRedis } from '@tailor/platform';
import type Redis from 'ioredis';
import { PinoLogger } from 'nestjs-pino';

import type { ProvisionerEnv } from '../config/provisioner-env.schema';
import { PolicyClock } from './policy-clock';

const KEEP_SECONDS = 3 * 60 * 60;

/**
 * Provisions per profile hash per minute of the policy clock, counted in Redis so that every replica's arrivals reach the reconciler
 * (whichever replica holds the lease), kept three hours: the history the keep-warm policy observes.
 */
@Injectable()
export class ArrivalCounter {
  private readonly prefix: string;
  private expiringKey?: string;

  constructor(
    @InjectRedis() private readonly redis: Redis,
    private readonly logger: PinoLogger,
    private readonly clock: PolicyClock,
    config: ConfigService<ProvisionerEnv, true>,
  ) {
    this.prefix = `${config.get('TAILOR_NAMESPACE', { infer: true })}:provisioner:arrivals:`;
  }

  /** Counts one provision; never delays it (a lost count only makes the policy a little less informed). */
  record(profileHash: string): void {
    const key = this.prefix + this.clock.minuteOf();
    const counting = this.redis.hincrby(key, profileHash, 1);
    // one command per provision; the minute's key gets its expiry from the first provision of the minute in this process
    const expiring = key === this.expiringKey ? undefined : this.redis.expire(key, KEEP_SECONDS);
    this.expiringKey = key;
    Promise.all([counting, expiring]).catch((error: Error) => {
      this.expiringKey = undefined;
      this.logger.warn({ error: error.message }, 'could not count an arrival');
    });
  }

  /** Counts of one minute: profile hash → provisions. */
  async countsOf(minute: number): Promise<Map<string, number>> {
    const raw = await this.redis.hgetall(this.prefix + minute);
    return new Map(Object.entries(raw).map(([hash, count]) => [hash, Number(count)]));
  }
}
