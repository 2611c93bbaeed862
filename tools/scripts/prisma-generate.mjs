// `prisma generate` without network: the CLI insists on a schema-engine binary it cannot download, but generating the
// client never runs it, so any existing file satisfies the check (see shared ENVIRONMENT.md).
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
execFileSync('npx', ['prisma', 'generate'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.execPath, PRISMA_HIDE_UPDATE_MESSAGE: '1' },
});
