import Redis from 'ioredis';

/** Deletes every Redis key under each namespace (BullMQ's queues, repeatable jobs and events, leases, counters). */
export async function removeRedisNamespaces(redisUrl: string, namespaces: Iterable<string>): Promise<number> {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  let removed = 0;
  try {
    for (const namespace of namespaces) {
      for await (const keys of redis.scanStream({ match: `${namespace}:*`, count: 500 }) as AsyncIterable<string[]>) {
        if (keys.length > 0) removed += await redis.unlink(...keys);
      }
    }
  } finally {
    redis.disconnect();
  }
  return removed;
}
