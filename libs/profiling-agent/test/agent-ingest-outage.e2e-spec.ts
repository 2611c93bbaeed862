import { createServer } from 'node:net';

import { createTestDatabase, TestDatabase, uniqueNamespace } from '@tailor/testing';
import { Client } from 'pg';

import { FixtureProcess, startScript } from './fixture-process';

const INGEST = 'apps/profiler-ingest/src/main.ts';
const APP = 'libs/profiling-agent/test/fixtures/express-app.ts';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe('ProfilingAgent while profiler-ingest dies and comes back', () => {
  const applicationId = 'fixture-outage';
  let database: TestDatabase;
  let db: Client;
  let ingestEnv: Record<string, string>;
  let ingest: FixtureProcess | undefined;
  let app: FixtureProcess;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = new Client({ connectionString: database.url });
    await db.connect();
    const port = await freePort();
    ingestEnv = {
      DATABASE_URL: database.url,
      TAILOR_NAMESPACE: uniqueNamespace('outage'),
      PORT: String(port),
      LOG_LEVEL: 'info',
      RETENTION_PRUNE_INTERVAL_MS: '0',
    };
    ingest = await startScript(INGEST, ingestEnv);
    app = await startScript(APP, {
      INGEST_URL: `http://127.0.0.1:${port}`,
      APPLICATION_ID: applicationId,
      AGENT_WINDOW_MS: '50',
      AGENT_MAX_BATCH_RECORDS: '4',
      AGENT_MAX_BUFFERED_RECORDS: '16',
      AGENT_RETRY_BASE_MS: '20',
      AGENT_RETRY_MAX_MS: '200',
    });
  });

  afterAll(async () => {
    await app?.kill();
    await ingest?.kill();
    await db?.end();
    await database?.drop();
  });

  it('should deliver every recorded invocation exactly once or count it as dropped', async () => {
    let sent = 0;
    let running = true;
    const traffic = Promise.all(
      [0, 1, 2].map(async (client) => {
        for (let i = 0; running; i++) {
          const response = await fetch(`${app.url}/items/${client}-${i}`);
          await response.arrayBuffer();
          if (response.status === 200) sent += 1;
        }
      }),
    );

    await sleep(1000);
    await ingest?.kill();
    await sleep(1500);
    ingest = await startScript(INGEST, ingestEnv);
    await sleep(1000);
    running = false;
    await traffic;
    const stats = await app.stop();

    const stored = await db.query(
      `SELECT coalesce(sum(invocations), 0)::int AS invocations, count(DISTINCT "batchId")::int AS batches
       FROM profiling_events WHERE "applicationId" = $1`,
      [applicationId],
    );
    const batches = await db.query('SELECT max("droppedInvocations")::int AS reported FROM ingest_batches');
    expect(stats.recordedInvocations).toBe(sent);
    expect(stats.unconfirmedInvocations).toBe(0);
    expect(stats.pendingInvocations).toBe(0);
    expect(stats.failedAttempts).toBeGreaterThan(0);
    expect(stored.rows[0].invocations).toBe(stats.deliveredInvocations);
    expect(stats.deliveredInvocations + stats.droppedInvocations).toBe(stats.recordedInvocations);
    expect(stored.rows[0].batches).toBe(stats.deliveredBatches);
    // the outage outlasted the buffer bound: drops happened, and the agent reported them to ingest
    expect(stats.droppedInvocations).toBeGreaterThan(0);
    expect(batches.rows[0].reported).toBeGreaterThan(0);
  }, 300_000);
});
