import { randomBytes } from 'node:crypto';

import { Client } from 'pg';

export const ADMIN_DATABASE_URL = process.env.TEST_ADMIN_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const TEMPLATE_VARIABLE = 'TAILOR_TEST_TEMPLATE_DATABASE';

/**
 * The template database of this test run, migrated once by the integration project's global setup; every test file
 * copies it. Each run names its own, so that concurrent runs on one Postgres never rebuild each other's template.
 */
export function templateDatabase(): string {
  return process.env[TEMPLATE_VARIABLE] ?? 'tailor_test_template';
}

export function nameTemplateDatabaseOfThisRun(): string {
  process.env[TEMPLATE_VARIABLE] = `tailor_test_template_${randomBytes(4).toString('hex')}`;
  return templateDatabase();
}

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

export function databaseUrl(name: string): string {
  const url = new URL(ADMIN_DATABASE_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function asAdmin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: ADMIN_DATABASE_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A fresh, migrated database of the test file's own, copied from the template. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `tailor_test_${randomBytes(6).toString('hex')}`;
  await asAdmin((client) => client.query(`CREATE DATABASE "${name}" TEMPLATE "${templateDatabase()}"`));
  return {
    name,
    url: databaseUrl(name),
    drop: () => asAdmin((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}

export async function dropDatabase(name: string): Promise<void> {
  await asAdmin((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

export async function recreateDatabase(name: string): Promise<string> {
  await asAdmin(async (client) => {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${name}"`);
  });
  return databaseUrl(name);
}
