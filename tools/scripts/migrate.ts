// Tailor's replacement for `prisma migrate`, whose native engine cannot be downloaded here (see tools/scripts/lib/schema-engine.ts).
//   node -r @swc-node/register tools/scripts/migrate.ts apply          apply pending migrations to DATABASE_URL
//   node -r @swc-node/register tools/scripts/migrate.ts create <name>  write a migration for what the schema changed
//   node -r @swc-node/register tools/scripts/migrate.ts check          fail when the schema and the migrations differ
import { relative } from 'node:path';

import {
  applyMigrations,
  checkMigrations,
  createMigration,
  databaseUrlFromEnv,
  redactPassword,
} from './lib/schema-engine';

const USAGE = 'usage: migrate.ts apply | create <name> | check';

async function main(args: string[]): Promise<number> {
  const [command, name, ...extra] = args;
  if (command === 'apply' && !name) return apply();
  if (command === 'create' && name && extra.length === 0) return create(name);
  if (command === 'check' && !name) return check();
  console.error(USAGE);
  return 64;
}

async function apply(): Promise<number> {
  const databaseUrl = databaseUrlFromEnv();
  const { databaseCreated, appliedMigrationNames } = await applyMigrations(databaseUrl);
  if (databaseCreated) console.log(`Created database ${redactPassword(databaseUrl)}`);
  if (appliedMigrationNames.length === 0) {
    console.log('No pending migrations.');
  } else {
    console.log(`Applied ${appliedMigrationNames.length} migration(s):`);
    for (const name of appliedMigrationNames) console.log(`  ${name}`);
  }
  return 0;
}

async function create(name: string): Promise<number> {
  const migration = await createMigration(name);
  if (!migration) {
    console.log('No changes: the migrations already match prisma/schema.prisma.');
    return 0;
  }
  console.log(`Created ${relative(process.cwd(), migration.scriptPath)}`);
  return 0;
}

async function check(): Promise<number> {
  const { inSync, summary } = await checkMigrations();
  if (inSync) {
    console.log('prisma/schema.prisma and prisma/migrations are in sync.');
    return 0;
  }
  console.error('Drift: prisma/schema.prisma differs from the state prisma/migrations produce.');
  console.error(summary);
  console.error('Run `npm run db:migration:create -- <name>` and commit the new migration.');
  return 1;
}

main(process.argv.slice(2)).then(
  (exitCode) => {
    process.exitCode = exitCode;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
