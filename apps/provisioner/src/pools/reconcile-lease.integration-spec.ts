import { uniqueNamespace } from '@tailor/testing';
import Redis from 'ioredis';

import type { PoolsConfig } from '../config/provisioner-config.groups';
import { ReconcileLease } from './reconcile-lease';

const LEASE_MS = 1000;

describe(`${ReconcileLease.name} on the real Redis`, () => {
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  const leaseOf = (namespace: string) =>
    new ReconcileLease(redis, namespace, { leaseMs: LEASE_MS } as PoolsConfig);

  afterAll(() => redis.quit());

  it('should let one replica of a namespace hold the lease at a time, and another take it once released', async () => {
    const namespace = uniqueNamespace('lease');
    const [first, second] = [leaseOf(namespace), leaseOf(namespace)];
    expect(await first.acquire()).toBe(true);
    expect(await second.acquire()).toBe(false);
    expect(await first.acquire()).toBe(true);
    await first.release();
    expect(await second.acquire()).toBe(true);
    expect(await first.holder()).toBe(second.holderId);
    await second.release();
  });

  it('should keep the lease through a cycle longer than the lease itself', async () => {
    const namespace = uniqueNamespace('lease');
    const [holder, other] = [leaseOf(namespace), leaseOf(namespace)];
    expect(await holder.acquire()).toBe(true);
    const attemptsDuringCycle = await holder.keptDuring(async () => {
      const attempts: boolean[] = [];
      for (let i = 0; i < 4; i++) {
        await new Promise((resolve) => setTimeout(resolve, LEASE_MS / 2));
        attempts.push(await other.acquire());
      }
      return attempts;
    });
    expect(attemptsDuringCycle).toEqual([false, false, false, false]);
    expect(await holder.holder()).toBe(holder.holderId);
    await holder.release();
  });

  it('should lose the lease once its holder stops renewing it (a replica that died)', async () => {
    const namespace = uniqueNamespace('lease');
    const [dead, survivor] = [leaseOf(namespace), leaseOf(namespace)];
    expect(await dead.acquire()).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, LEASE_MS * 2));
    expect(await survivor.acquire()).toBe(true);
    expect(await dead.holder()).toBe(survivor.holderId);
    await survivor.release();
  });
});
