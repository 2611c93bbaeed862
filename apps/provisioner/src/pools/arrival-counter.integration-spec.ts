import { uniqueNamespace, waitFor } from '@tailor/testing';
import Redis from 'ioredis';
import { PinoLogger } from 'nestjs-pino';

import type { WarmPolicyConfig } from '../config/provisioner-config.groups';
import { ArrivalCounter } from './arrival-counter';
import { PolicyClock } from './policy-clock';

describe(`${ArrivalCounter.name} on the real Redis`, () => {
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  const logger = { warn: jest.fn() } as unknown as PinoLogger;
  /** policy minute 0 began 30 s ago and lasts a real minute: no test here crosses a minute boundary */
  const counterOf = (namespace: string) => {
    const clock = new PolicyClock({
      minuteMs: 60_000,
      clockOrigin: new Date(Date.now() - 30_000).toISOString(),
    } as WarmPolicyConfig);
    return new ArrivalCounter(redis, logger, clock, namespace);
  };
  const keyOf = (namespace: string) => `${namespace}:provisioner:arrivals:0`;

  afterAll(() => redis.quit());

  it('should count every replica’s provisions per profile hash, and keep them for hours', async () => {
    const namespace = uniqueNamespace('arrivals');
    const [first, second] = [counterOf(namespace), counterOf(namespace)];
    for (let i = 0; i < 5; i++) first.record('hash-a');
    second.record('hash-a');
    second.record('hash-b');

    await second.onModuleDestroy();
    const counts = await first.countsOf(0);
    await first.onModuleDestroy();

    expect(Object.fromEntries(counts)).toEqual({ 'hash-a': 6, 'hash-b': 1 });
    expect(await redis.ttl(keyOf(namespace))).toBeGreaterThan(3 * 60 * 60 - 60);
  });

  it('should send the counts to Redis on its own within a fraction of a second', async () => {
    const namespace = uniqueNamespace('arrivals');
    const counter = counterOf(namespace);
    counter.record('hash-a');
    counter.record('hash-a');
    const count = await waitFor(async () => redis.hget(keyOf(namespace), 'hash-a'), {
      timeoutMs: 1000,
      intervalMs: 10,
      what: 'the arrivals in Redis',
    });
    expect(count).toBe('2');
    await counter.onModuleDestroy();
  });
});
