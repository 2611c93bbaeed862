import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { InjectNamespace } from '@tailor/config';
import { InjectRedis } from '@tailor/platform';
import type Redis from 'ioredis';
import { PinoLogger } from 'nestjs-pino';

import { PolicyClock } from './policy-clock';

const KEEP_SECONDS = 3 * 60 * 60;
/** counts wait in the process at most this long; a twentieth of a policy minute when minutes are compressed */
const FLUSH_MS = 50;

/**
 * Provisions per profile hash per minute of the policy clock, counted in Redis so that every replica's arrivals reach the
 * reconciler (whichever replica holds the lease), kept three hours: the history the keep-warm policy observes.
 * A provision only counts in memory; the counts go to Redis in one pipeline every FLUSH_MS, off the request path.
 */
@Injectable()
export class ArrivalCounter implements OnModuleDestroy {
  private readonly prefix: string;
  /** policy minute → profile hash → provisions not yet in Redis */
  private pending = new Map<number, Map<string, number>>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    @InjectRedis() private readonly redis: Redis,
    private readonly logger: PinoLogger,
    private readonly clock: PolicyClock,
    @InjectNamespace() namespace: string,
  ) {
    this.prefix = `${namespace}:provisioner:arrivals:`;
    this.timer = setInterval(() => void this.flush(), Math.min(FLUSH_MS, clock.minuteMs / 20)).unref();
  }

  /** Counts one provision; never delays it (a lost count only makes the policy a little less informed). */
  record(profileHash: string): void {
    const minute = this.clock.minuteOf();
    let counts = this.pending.get(minute);
    if (!counts) this.pending.set(minute, (counts = new Map()));
    counts.set(profileHash, (counts.get(profileHash) ?? 0) + 1);
  }

  /** Counts of one minute: profile hash → provisions (this replica's own counts included up to now). */
  async countsOf(minute: number): Promise<Map<string, number>> {
    await this.flush();
    const raw = await this.redis.hgetall(this.prefix + minute);
    return new Map(Object.entries(raw).map(([hash, count]) => [hash, Number(count)]));
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.pending.size === 0) return;
    const flushing = this.pending;
    this.pending = new Map();
    const pipeline = this.redis.pipeline();
    for (const [minute, counts] of flushing) {
      const key = this.prefix + minute;
      for (const [profileHash, count] of counts) pipeline.hincrby(key, profileHash, count);
      pipeline.expire(key, KEEP_SECONDS);
    }
    try {
      const results = (await pipeline.exec()) ?? [];
      const failed = results.find(([error]) => error);
      if (failed) throw failed[0];
    } catch (error) {
      this.logger.warn({ error: (error as Error).message, minutes: flushing.size }, 'could not count arrivals');
    }
  }
}
