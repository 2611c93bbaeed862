import { hostname } from 'node:os';

import {
  createTestDatabase,
  ServiceProcess,
  startServiceProcess,
  TestDatabase,
  uniqueNamespace,
} from '@tailor/testing';
import { Client } from 'pg';

import { FixtureProcess, startScript } from './fixture-process';

const LEAKS = {
  path: 'leak-path-alice',
  query: 'leak-query-token',
  header: 'leak-header-secret',
  payload: 'leak-payload-card',
  org: 'leak-org-acme',
};

const versionOf = (name: string): string => (require(`${name}/package.json`) as { version: string }).version;

/** Traffic that tries to leak each kind of identifying data through the agent. */
async function sendLeakyTraffic(base: string, prefix: string): Promise<void> {
  const headers = { 'x-user': LEAKS.header, authorization: `Bearer ${LEAKS.header}`, cookie: `sid=${LEAKS.header}` };
  for (let i = 0; i < 5; i++) {
    const user = await fetch(`${base}${prefix}/users/${LEAKS.path}-${i}?token=${LEAKS.query}`, { headers });
    expect(user.status).toBe(200);
    const order = await fetch(`${base}${prefix}/orders/${LEAKS.path}/items?email=${LEAKS.query}`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ card: LEAKS.payload, items: [LEAKS.payload] }),
    });
    expect(order.status).toBe(201);
  }
  await fetch(`${base}/no/such/${LEAKS.path}?q=${LEAKS.query}`, { headers });
}

describe('ProfilingAgent in real apps', () => {
  let database: TestDatabase;
  let db: Client;
  let ingest: ServiceProcess;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = new Client({ connectionString: database.url });
    await db.connect();
    ingest = await startServiceProcess('profiler-ingest', {
      DATABASE_URL: database.url,
      TAILOR_NAMESPACE: uniqueNamespace('agent'),
      RETENTION_PRUNE_INTERVAL_MS: '0',
    });
  });

  afterAll(async () => {
    await ingest?.stop();
    await db?.end();
    await database?.drop();
  });

  /** raw events with their library list (stored once per distinct list, in library_sets) */
  const eventsOf = async (applicationId: string) =>
    (
      await db.query(
        `SELECT e.*, coalesce(s.libraries, e.libraries) AS libraries
         FROM profiling_events e LEFT JOIN library_sets s ON s.hash = e."librarySetHash"
         WHERE e."applicationId" = $1`,
        [applicationId],
      )
    ).rows;
  /** every stored row of every profiling table, as text: what a leak would have to show up in */
  const everythingStored = async () => {
    const tables = ['profiling_events', 'library_sets', 'ingest_batches', 'endpoint_rollups'];
    const rows: string[] = [];
    // one query at a time: a pg Client runs them in turn anyway, and queueing them on it is deprecated
    for (const table of tables) {
      const dump = await db.query<{ row: string }>(`SELECT to_jsonb(t)::text AS row FROM ${table} t`);
      rows.push(...dump.rows.map((row) => row.row));
    }
    return rows.join('\n');
  };

  const expectNothingIdentifying = (stored: string) => {
    for (const leak of Object.values(LEAKS)) expect(stored).not.toContain(leak);
    expect(stored).not.toContain('127.0.0.1');
    expect(stored).not.toContain(process.cwd());
    expect(stored).not.toContain('node_modules');
    expect(stored).not.toContain(hostname());
  };

  describe.each([
    ['express', 'libs/profiling-agent/test/fixtures/express-app.ts', '', 'express'],
    ['nest', 'libs/profiling-agent/test/fixtures/nest-app.ts', '/api', '@nestjs/core'],
  ])('with %s', (kind, script, prefix, framework) => {
    const applicationId = `fixture-${kind}`;
    let app: FixtureProcess;

    beforeAll(async () => {
      app = await startScript(script, { INGEST_URL: ingest.url, APPLICATION_ID: applicationId });
      await sendLeakyTraffic(app.url, prefix);
      if (kind === 'express') {
        expect((await fetch(`${app.url}/orgs/${LEAKS.org}/projects/${LEAKS.path}`)).status).toBe(200);
      }
      const stats = await app.stop();
      expect(stats).toMatchObject({ droppedInvocations: 0, unconfirmedInvocations: 0, pendingInvocations: 0 });
      expect(stats.deliveredInvocations).toBe(stats.recordedInvocations);
    });

    it('should store the route templates, never the raw URLs', async () => {
      const endpoints = new Set((await eventsOf(applicationId)).map((event) => event.endpointId));

      expect(endpoints).toContain(`GET ${prefix}/users/:id`);
      expect(endpoints).toContain(`POST ${prefix}/orders/:orderId/items`);
      if (kind === 'express') expect(endpoints).toContain('GET /orgs/:org/projects/:project');
    });

    it('should store the libraries the app loaded, with their resolved versions', async () => {
      const [event] = await eventsOf(applicationId);
      const libraries = event.libraries as { name: string; version: string }[];

      expect(libraries).toContainEqual({ name: framework, version: versionOf(framework) });
      expect(libraries).toContainEqual({ name: 'ms', version: versionOf('ms') });
      expect(event).toMatchObject({ language: 'node', languageVersion: process.versions.node });
    });

    it('should count every invocation and measure it', async () => {
      const events = await eventsOf(applicationId);
      const users = events.filter((event) => event.endpointId === `GET ${prefix}/users/:id`);

      expect(users.reduce((sum, event) => sum + event.invocations, 0)).toBe(5);
      expect(users.every((event) => event.executionTimeMs > 0 && Number(event.rssBytes) > 0)).toBe(true);
      expect(users.reduce((sum, event) => sum + Number(event.responseBytes), 0)).toBeGreaterThan(0);
    });

    it('should let no header, query string, path, payload, address or file path reach Postgres', async () => {
      expectNothingIdentifying(await everythingStored());
    });
  });
});
