import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

import { nameTemplateDatabaseOfThisRun, recreateDatabase } from './test-database';

/** Once per integration run: a freshly migrated template database that each test file copies. */
export default async function globalSetup(): Promise<void> {
  const url = await recreateDatabase(nameTemplateDatabaseOfThisRun());
  execFileSync(process.execPath, ['-r', '@swc-node/register', 'tools/scripts/migrate.ts', 'apply'], {
    cwd: resolve(__dirname, '../../..'),
    env: { ...process.env, DATABASE_URL: url },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}
