import { readFileSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';

import { NAMESPACE_LOG_VARIABLE } from './namespace';
import { removeRedisNamespaces } from './redis-namespaces';
import { dropDatabase, templateDatabase } from './test-database';

/** After the integration run: the template database and every Redis key under the namespaces the test files made. */
export default async function globalTeardown(): Promise<void> {
  await dropDatabase(templateDatabase());
  const log = process.env[NAMESPACE_LOG_VARIABLE];
  if (!log) return;
  const namespaces = new Set(readFileSync(log, 'utf8').split('\n').filter(Boolean));
  await removeRedisNamespaces(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', namespaces);
  rmSync(dirname(log), { recursive: true, force: true });
}
