import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { NAMESPACE_LOG_VARIABLE } from './namespace';
import { nameTemplateDatabaseOfThisRun, recreateDatabase } from './test-database';

/**
 * Once per integration run: a freshly migrated template database that each test file copies, and the file in which
 * test files list the Redis namespaces they make, for the teardown to remove.
 */
export default async function globalSetup(): Promise<void> {
  const log = join(mkdtempSync(join(tmpdir(), 'tailor-test-')), 'namespaces');
  writeFileSync(log, '');
  process.env[NAMESPACE_LOG_VARIABLE] = log;
  const url = await recreateDatabase(nameTemplateDatabaseOfThisRun());
  execFileSync(process.execPath, ['-r', '@swc-node/register', 'tools/scripts/migrate.ts', 'apply'], {
    cwd: resolve(__dirname, '../../..'),
    env: { ...process.env, DATABASE_URL: url },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}
