import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';

import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { JobName, QueueName, RefreshPredictionJob } from '@tailor/contracts';
import { redisOptionsFromUrl } from '@tailor/messaging';
import { createTestDatabase, TestDatabase, uniqueNamespace, waitFor } from '@tailor/testing';
import { Job, Worker } from 'bullmq';
import { Client } from 'pg';
import request from 'supertest';

import { dataChangedJobId } from '../src/notify/data-changed-job-id';
import { RetentionService } from '../src/retention/retention.service';
import { batchOf, inlineBatchOf, listedBatchOf, listedRecord, WINDOW_LIBRARIES, windowRecord } from './profiling-batch.factory';
import { createIngestApp } from './ingest-test-app';

const BODY_LIMIT = 256 * 1024;
const REDIS_URL = 'redis://127.0.0.1:6379';

describe('IngestController', () => {
  const namespace = uniqueNamespace('ingest');
  let database: TestDatabase;
  let db: Client;
  let app: NestFastifyApplication;
  let url: string;
  let worker: Worker<RefreshPredictionJob>;
  const jobs: Job<RefreshPredictionJob>[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    db = new Client({ connectionString: database.url });
    await db.connect();
    Object.assign(process.env, {
      DATABASE_URL: database.url,
      REDIS_URL,
      TAILOR_NAMESPACE: namespace,
      LOG_LEVEL: 'warn',
      RETENTION_PRUNE_INTERVAL_MS: '0',
      RAW_EVENT_RETENTION_HOURS: '24',
      DATA_CHANGED_WINDOW_MS: '0',
    });
    app = await createIngestApp(BODY_LIMIT);
    await app.listen(0, '127.0.0.1');
    url = await app.getUrl();
    worker = new Worker<RefreshPredictionJob>(
      QueueName.EndpointDataChanged,
      async (job) => {
        jobs.push(job);
      },
      { connection: redisOptionsFromUrl(REDIS_URL), prefix: namespace },
    );
    await worker.waitUntilReady();
  });

  afterAll(async () => {
    await worker?.close();
    await app?.close();
    await db?.end();
    await database?.drop();
  });

  const post = () => request(app.getHttpServer()).post('/v1/profiles');
  /** a real HTTP client: supertest re-encodes Buffer bodies */
  const postRaw = (body: Buffer | string, headers: Record<string, string>) =>
    fetch(`${url}/v1/profiles`, { method: 'POST', headers, body });
  const gzipHeaders = { 'content-type': 'application/json', 'content-encoding': 'gzip' };
  const eventCount = async (batchId: string) =>
    Number((await db.query('SELECT count(*) FROM profiling_events WHERE "batchId" = $1', [batchId])).rows[0].count);
  const rollup = async (endpointId: string, granularity: 'minute' | 'hour') =>
    (
      await db.query(
        'SELECT * FROM endpoint_rollups WHERE "applicationId" = $1 AND "endpointId" = $2 AND granularity = $3',
        ['shop', endpointId, granularity],
      )
    ).rows;

  describe('POST /v1/profiles', () => {
    it('should store every record of a batch and fold it into minute and hour rollups', async () => {
      const endpointId = 'GET /rollup/:id';
      const batch = batchOf([
        windowRecord({ endpointId, invocations: 10, timestamp: '2026-11-28T10:15:20.000Z' }),
        windowRecord({ endpointId, invocations: 5, timestamp: '2026-11-28T10:15:40.000Z', executionTimeMaxMs: 30 }),
        windowRecord({ endpointId, invocations: 1, timestamp: '2026-11-28T10:16:05.000Z' }),
      ]);

      const response = await post().send(batch).expect(202);

      expect(response.body).toEqual({ batchId: batch.batchId, accepted: 3, duplicate: false });
      expect(await eventCount(batch.batchId)).toBe(3);
      const minutes = await rollup(endpointId, 'minute');
      expect(minutes.map((row) => row.invocations).sort()).toEqual([1, 15]);
      const [hour] = await rollup(endpointId, 'hour');
      expect(hour).toMatchObject({
        invocations: 16,
        executionTimeMax: 30,
        libraryCounts: { 'express@5.3.0': 16, 'dayjs@1.11.13': 16 },
        requestBytesSum: String(1600),
      });
      expect(hour.executionTimeSum).toBeCloseTo(16 * 7.5);
      expect(hour.executionTimeHistogram[3]).toBe(16);
      expect(hour.rssHistogram[2]).toBe(16);
    });

    it('should accept a gzip-compressed batch', async () => {
      const batch = batchOf([windowRecord({ endpointId: 'GET /gzip' })]);

      const response = await postRaw(gzipSync(JSON.stringify(batch)), gzipHeaders);

      expect(response.status).toBe(202);

      expect(await eventCount(batch.batchId)).toBe(1);
    });

    it('should not count a re-sent batch twice, even when the copies arrive at once', async () => {
      const endpointId = 'GET /retried';
      const batch = batchOf([windowRecord({ endpointId, invocations: 7 })]);

      const responses = await Promise.all([1, 2, 3, 4].map(() => post().send(batch)));
      const again = await post().send(batch).expect(202);

      expect(responses.map((r) => r.status)).toEqual([202, 202, 202, 202]);
      expect(responses.filter((r) => r.body.duplicate === false)).toHaveLength(1);
      expect(again.body).toEqual({ batchId: batch.batchId, accepted: 1, duplicate: true });
      expect(await eventCount(batch.batchId)).toBe(1);
      expect((await rollup(endpointId, 'hour'))[0].invocations).toBe(7);
    });

    it('should store a batch whose id has upper-case hex digits once, whatever case its copies use', async () => {
      const batch = batchOf([windowRecord({ endpointId: 'GET /upper' })], randomUUID().toUpperCase());

      const first = await post().send(batch).expect(202);
      const again = await post()
        .send({ ...batch, batchId: batch.batchId.toLowerCase() })
        .expect(202);

      expect(first.body).toEqual({ batchId: batch.batchId, accepted: 1, duplicate: false });
      expect(again.body).toMatchObject({ accepted: 1, duplicate: true });
      expect(await eventCount(batch.batchId)).toBe(1);
    });

    it('should store the records of concurrent batches, each once, with their library lists', async () => {
      const endpointId = 'GET /concurrent/:id';
      const batches = [1, 2, 3, 4, 5, 6].map((n) =>
        batchOf([
          windowRecord({ endpointId, invocations: n }),
          windowRecord({ endpointId, invocations: n, libraries: [{ name: `only-${n}`, version: '1.0.0' }] }),
        ]),
      );

      const responses = await Promise.all(batches.map((batch) => post().send(batch)));

      expect(responses.map((r) => r.body.duplicate)).toEqual(batches.map(() => false));
      const stored = await db.query(
        `SELECT s.libraries FROM profiling_events e JOIN library_sets s ON s.hash = e."librarySetHash"
         WHERE e."endpointId" = $1`,
        [endpointId],
      );
      expect(stored.rows).toHaveLength(12);
      expect(stored.rows.map((row) => row.libraries)).toContainEqual([{ name: 'only-4', version: '1.0.0' }]);
      const [hour] = await rollup(endpointId, 'hour');
      expect(hour).toMatchObject({ invocations: 42 });
      expect(hour.libraryCounts).toMatchObject({ 'express@5.3.0': 21, 'only-6@1.0.0': 6 });
    });

    it("should store a batch whose records name the batch's library lists", async () => {
      const endpointId = 'GET /listed/:id';
      const ms = [{ name: 'ms', version: '2.1.3' }];
      const other = [{ name: 'other-list', version: '1.0.0' }];
      const batch = listedBatchOf(
        [WINDOW_LIBRARIES, ms, other],
        [
          listedRecord(0, { endpointId, invocations: 2 }),
          listedRecord(1, { endpointId, invocations: 3 }),
          listedRecord(2, { endpointId, invocations: 5 }),
          listedRecord(1, { endpointId, invocations: 7 }),
        ],
      );

      const response = await postRaw(gzipSync(JSON.stringify(batch)), gzipHeaders);

      expect(response.status).toBe(202);
      expect(await response.json()).toEqual({ batchId: batch.batchId, accepted: 4, duplicate: false });
      const stored = await db.query(
        `SELECT e.invocations, s.libraries FROM profiling_events e JOIN library_sets s ON s.hash = e."librarySetHash"
         WHERE e."batchId" = $1 ORDER BY e.invocations`,
        [batch.batchId],
      );
      expect(stored.rows).toEqual([
        { invocations: 2, libraries: WINDOW_LIBRARIES },
        { invocations: 3, libraries: ms },
        { invocations: 5, libraries: other },
        { invocations: 7, libraries: ms },
      ]);
      const [hour] = await rollup(endpointId, 'hour');
      expect(hour.libraryCounts).toEqual({
        'express@5.3.0': 2,
        'dayjs@1.11.13': 2,
        'ms@2.1.3': 10,
        'other-list@1.0.0': 5,
      });
    });

    it("should answer 400 naming the record whose libraryList is past the batch's lists, and store nothing", async () => {
      const events = Array.from({ length: 13 }, () => listedRecord(0));
      events[12] = listedRecord(1);
      const batch = listedBatchOf([WINDOW_LIBRARIES], events);

      const response = await post().send(batch).expect(400);

      expect(response.body.code).toBe('VALIDATION_FAILED');
      expect(response.body.message).toBe(
        "events.12.libraryList: must be the index of one of the batch's 1 libraryLists",
      );
      expect(await eventCount(batch.batchId)).toBe(0);
    });

    it('should answer 400 naming events.<i>.libraries for a record with its libraries inline (the retired first form)', async () => {
      const batch = inlineBatchOf([windowRecord({ endpointId: 'GET /inline' })]) as { batchId: string };

      const response = await post().send(batch).expect(400);

      expect(response.body.code).toBe('VALIDATION_FAILED');
      expect(response.body.message).toContain(
        "events.0.libraries: no longer accepted inline: list it once in the batch's libraryLists and give its index as libraryList",
      );
      expect(await eventCount(batch.batchId)).toBe(0);
    });

    it('should answer 400 for a record with both libraries and libraryList', async () => {
      const batch = listedBatchOf([WINDOW_LIBRARIES], [listedRecord(0), { ...listedRecord(0), libraries: [] } as never]);

      const response = await post().send(batch).expect(400);

      expect(response.body.message).toBe(
        "events.1.libraries: no longer accepted inline: list it once in the batch's libraryLists and give its index as libraryList",
      );
      expect(await eventCount(batch.batchId)).toBe(0);
    });

    it('should answer 400 naming the record and the field that are wrong, and store nothing', async () => {
      const good = windowRecord();
      const bad = { ...windowRecord(), memory: { rssBytes: 'a lot', heapUsedBytes: 1, peakRssBytes: 1 } };
      const batch = batchOf([good, good, bad as never]);

      const response = await post().send(batch).expect(400);

      expect(response.body.code).toBe('VALIDATION_FAILED');
      expect(response.body.message).toContain('events.2.memory.rssBytes');
      expect(await eventCount(batch.batchId)).toBe(0);
    });

    it('should answer 400 for a window whose histogram does not count its invocations', async () => {
      const record = windowRecord({ invocations: 3 });
      const batch = batchOf([windowRecord(), { ...record, invocations: 4 }]);

      const response = await post().send(batch).expect(400);

      expect(response.body).toMatchObject({ code: 'INCONSISTENT_RECORD' });
      expect(response.body.message).toContain('events.1.histograms.executionTimeMs');
    });

    it('should answer 413 beyond the size limit, also when a small gzip body inflates beyond it', async () => {
      const huge = batchOf([windowRecord({ endpointId: `GET /${'x'.repeat(BODY_LIMIT)}` })]);

      await post().send(huge).expect(413);
      const gzipped = gzipSync(JSON.stringify(huge));
      expect(gzipped.length).toBeLessThan(BODY_LIMIT / 10);
      const inflatedTooFar = await postRaw(gzipped, gzipHeaders);
      expect(inflatedTooFar.status).toBe(413);
      expect(await inflatedTooFar.json()).toMatchObject({
        code: 'PAYLOAD_TOO_LARGE',
        message: `request body exceeds the limit of ${BODY_LIMIT} bytes`,
      });
    });

    it('should answer 415 for a body that is not JSON', async () => {
      await post().set('content-type', 'text/plain').send('batchId=1').expect(415);
      expect(
        (await postRaw('{}', { 'content-type': 'application/json', 'content-encoding': 'x-unknown' })).status,
      ).toBe(415);
      expect((await postRaw('{}', { 'content-type': 'application/json; charset=latin1' })).status).toBe(415);
    });

    it('should answer 400 for a gzip body that does not inflate', async () => {
      const response = await postRaw(Buffer.from('not gzip at all'), gzipHeaders);

      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ code: 'MALFORMED_BODY' });
    });

    it('should tell the predictor which endpoints changed, with one job per endpoint and window', async () => {
      const endpointId = 'POST /notified/:id';
      await post()
        .send(batchOf([windowRecord({ endpointId }), windowRecord({ endpointId: 'GET /notified' })]))
        .expect(202);

      await waitFor(async () => jobs.some((job) => job.data.endpointId === endpointId), {
        timeoutMs: 10_000,
        intervalMs: 50,
        what: 'the endpoint-data-changed job',
      });

      const job = jobs.find((j) => j.data.endpointId === endpointId) as Job<RefreshPredictionJob>;
      expect(job.name).toBe(JobName.RefreshPrediction);
      expect(job.data).toMatchObject({ applicationId: 'shop', endpointId });
      expect(job.id).toBe(dataChangedJobId('shop', endpointId, Date.parse(job.data.changedAt)));
    });
  });

  describe(RetentionService.name, () => {
    it('should prune raw events older than the retention and keep the rollups', async () => {
      const endpointId = 'GET /old';
      const old = batchOf([windowRecord({ endpointId, timestamp: '2020-01-01T00:00:00.000Z' })]);
      const fresh = batchOf([windowRecord({ endpointId, timestamp: new Date().toISOString() })]);
      await post().send(old).expect(202);
      await post().send(fresh).expect(202);

      const result = await app.get(RetentionService).prune();

      expect(result.events).toBeGreaterThanOrEqual(1);
      expect(await eventCount(old.batchId)).toBe(0);
      expect(await eventCount(fresh.batchId)).toBe(1);
      expect(await rollup(endpointId, 'hour')).toHaveLength(2);
    });
  });
});
