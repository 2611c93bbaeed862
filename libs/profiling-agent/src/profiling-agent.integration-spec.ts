import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';

import { ProfilingBatch, ProfilingBatchInput, ProfilingBatchSchema } from '@tailor/contracts';
import Fastify from 'fastify';

import { fastifyProfiling } from './integrations/fastify-plugin';
import { wrapHandler } from './integrations/wrap-handler';
import { ProfilingAgent } from './profiling-agent';

interface Received {
  headers: IncomingMessage['headers'];
  /** the body as sent */
  wire: ProfilingBatchInput;
  /** the body as profiler-ingest reads it: validated by the contract, library lists resolved */
  batch: ProfilingBatch;
}

/** A stand-in for profiler-ingest on loopback whose answers each test scripts. */
async function fakeIngest(answer: (batch: ProfilingBatch, attempt: number) => { status: number; body: string }) {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const wire = JSON.parse(gunzipSync(Buffer.concat(chunks)).toString()) as ProfilingBatchInput;
      const batch = ProfilingBatchSchema.parse(structuredClone(wire));
      received.push({ headers: req.headers, wire, batch });
      const { status, body } = answer(batch, received.length);
      res.writeHead(status, { 'content-type': 'application/json' }).end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, received, close: () => new Promise((resolve) => server.close(resolve)) };
}

const receipt = (batch: ProfilingBatch) => ({
  status: 202,
  body: JSON.stringify({ batchId: batch.batchId, accepted: 1, duplicate: false }),
});
const options = (ingestUrl: string) => ({
  applicationId: 'agent-test',
  ingestUrl,
  windowMs: 60_000,
  retryBaseDelayMs: 5,
  retryMaxDelayMs: 20,
  shutdownTimeoutMs: 5_000,
});

describe(ProfilingAgent.name, () => {
  describe('shutdown', () => {
    it('should send one gzipped window record per endpoint and flush it on shutdown', async () => {
      const ingest = await fakeIngest(receipt);
      const agent = new ProfilingAgent(options(ingest.url));
      const handler = wrapHandler(agent, 'resize-image', (n: number) => n * 2);

      expect([1, 2, 3].map(handler)).toEqual([2, 4, 6]);
      const stats = await agent.shutdown();

      expect(stats).toMatchObject({ recordedInvocations: 3, deliveredInvocations: 3, droppedInvocations: 0 });
      expect(ingest.received).toHaveLength(1);
      const [{ headers, wire, batch }] = ingest.received as [Received];
      expect(headers['content-encoding']).toBe('gzip');
      expect(wire.libraryLists).toHaveLength(1);
      expect(wire.events[0]).toMatchObject({ libraryList: 0 });
      expect(wire.events[0]).not.toHaveProperty('libraries');
      expect(batch.events).toHaveLength(1);
      expect(batch.events[0]).toMatchObject({
        applicationId: 'agent-test',
        endpointId: 'resize-image',
        invocations: 3,
      });
      expect(batch.events[0]?.histograms?.executionTimeMs.reduce((a, b) => a + b)).toBe(3);
      await ingest.close();
    });

    it('should retry a batch under the same id after errors and garbage answers, so that ingest counts it once', async () => {
      const ingest = await fakeIngest((batch, attempt) =>
        attempt === 1 ? { status: 503, body: '' } : attempt === 2 ? { status: 200, body: 'garbage' } : receipt(batch),
      );
      const agent = new ProfilingAgent(options(ingest.url));
      const handler = wrapHandler(agent, 'job', async () => 'done');

      await handler();
      const stats = await agent.shutdown();

      expect(ingest.received.map((r) => r.batch.batchId)).toEqual(Array(3).fill(ingest.received[0]?.batch.batchId));
      expect(stats).toMatchObject({ deliveredInvocations: 1, failedAttempts: 2, droppedInvocations: 0 });
      await ingest.close();
    });

    it('should count a batch that ingest refuses as dropped', async () => {
      const ingest = await fakeIngest(() => ({ status: 400, body: '{"code":"VALIDATION_FAILED"}' }));
      const agent = new ProfilingAgent(options(ingest.url));

      wrapHandler(agent, 'job', () => undefined)();
      const stats = await agent.shutdown();

      expect(stats).toMatchObject({ recordedInvocations: 1, deliveredInvocations: 0, droppedInvocations: 1 });
      await ingest.close();
    });

    it('should neither throw into the app nor wait past its deadline when ingest is down', async () => {
      const agent = new ProfilingAgent({ ...options('http://127.0.0.1:9'), shutdownTimeoutMs: 300 });
      const failing = wrapHandler(agent, 'job', () => {
        throw new Error('app error');
      });

      expect(() => failing()).toThrow('app error');
      const stats = await agent.shutdown();

      expect(stats).toMatchObject({ recordedInvocations: 1, deliveredInvocations: 0 });
      // dropped, or unconfirmed when the deadline finds a retry in flight (the agent retries until then): never lost silently
      expect(stats.droppedInvocations + stats.unconfirmedInvocations).toBe(1);
      expect(stats.failedAttempts).toBeGreaterThan(0);
    });
  });

  describe('fastifyProfiling', () => {
    it('should record Fastify routes by their template and flush when Fastify closes', async () => {
      const ingest = await fakeIngest(receipt);
      const agent = new ProfilingAgent(options(ingest.url));
      const app = Fastify();
      await app.register(fastifyProfiling(agent));
      app.get('/users/:id', async (request) => ({ id: (request.params as { id: string }).id }));
      const url = await app.listen({ port: 0, host: '127.0.0.1' });

      expect((await fetch(`${url}/users/alice?token=secret`)).status).toBe(200);
      await app.close();

      const sent = JSON.stringify(ingest.received.map((r) => r.wire));
      expect(ingest.received[0]?.batch.events[0]).toMatchObject({ endpointId: 'GET /users/:id', invocations: 1 });
      expect(sent).not.toContain('alice');
      expect(sent).not.toContain('secret');
      expect(agent.stats().deliveredInvocations).toBe(1);
      await ingest.close();
    });
  });
});
