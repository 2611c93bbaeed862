import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';

import { RuntimeCallError, RuntimeClient } from './runtime-client';

const REPORT = {
  environmentId: null,
  profileHash: 'hash',
  timeToReadyMs: 12.5,
  preloadMs: 10,
  loadMs: 1,
  installMs: null,
  firstInvocationMs: 20,
  firstInvocationCpuMs: 30,
  invocations: 1,
  failures: 0,
  preloadErrors: [],
  loaded: [{ name: 'ms', version: '2.1.3', phase: 'preload' }],
  preloaded: ['ms'],
  misses: [],
  unusedPreloads: [],
  preloadedData: [],
  dataMisses: [],
  memory: { rssBytes: 1, heapUsedBytes: 1, peakRssBytes: 2 },
  snapshot: { modules: 0, failed: [] },
  timeline: { processStart: 1, ready: 2 },
  agent: null,
};

describe(RuntimeClient.name, () => {
  let server: Server;
  let url: string;
  const answers: Record<string, { status: number; body: string; delayMs?: number }> = {};
  const received: { method?: string; url?: string; body: string }[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        received.push({ method: req.method, url: req.url, body });
        const answer = answers[`${req.method} ${req.url}`] ?? { status: 404, body: '{"error":"not found"}' };
        setTimeout(() => res.writeHead(answer.status).end(answer.body), answer.delayMs ?? 0);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  beforeEach(() => {
    for (const key of Object.keys(answers)) delete answers[key];
    received.length = 0;
  });

  describe('load', () => {
    it('should POST the bundle as JSON and return the parsed reply', async () => {
      answers['POST /load'] = { status: 200, body: '{"loadMs":3.5,"installMs":null}' };
      const client = new RuntimeClient(url, { timeoutMs: 1000 });

      expect(await client.load({ source: 'exports.handler = () => 1', applicationId: 'app' })).toEqual({
        loadMs: 3.5,
        installMs: null,
      });
      expect(JSON.parse(received[0].body)).toEqual({ source: 'exports.handler = () => 1', applicationId: 'app' });
    });
  });

  describe('report', () => {
    it('should GET the report and keep every field of the contract', async () => {
      answers['GET /report'] = { status: 200, body: JSON.stringify(REPORT) };

      expect(await new RuntimeClient(url, { timeoutMs: 1000 }).report()).toEqual(REPORT);
      expect(received[0]).toMatchObject({ method: 'GET', body: '' });
    });

    it('should fail when the reply is outside the contract', async () => {
      answers['GET /report'] = { status: 200, body: '{"timeToReadyMs":"soon"}' };

      await expect(new RuntimeClient(url, { timeoutMs: 1000 }).report()).rejects.toThrow(
        'runtime answered /report outside its contract',
      );
    });
  });

  describe('invoke', () => {
    it("should fail with the runtime's status and error on a non-2xx answer", async () => {
      answers['POST /invoke'] = { status: 409, body: '{"error":"no handler loaded: POST /load first"}' };

      const failure = await new RuntimeClient(url, { timeoutMs: 1000 })
        .invoke({ event: {} })
        .catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(RuntimeCallError);
      expect((failure as RuntimeCallError).failure).toEqual({
        path: '/invoke',
        status: 409,
        message: 'runtime answered /invoke with 409: no handler loaded: POST /load first',
      });
    });

    it('should fail as unanswered past its timeout, with the error the caller maps it to', async () => {
      answers['POST /invoke'] = { status: 200, body: '{"result":1,"durationMs":1}', delayMs: 500 };
      const client = new RuntimeClient(url, {
        timeoutMs: 1000,
        toError: (failure) => new Error(`mapped: ${failure.status}`),
      });

      await expect(client.invoke({ event: {} }, 20)).rejects.toThrow('mapped: null');
    });
  });

  describe('isReady', () => {
    it('should say whether /health answers 200, without throwing', async () => {
      const client = new RuntimeClient(url, { timeoutMs: 1000 });
      expect(await client.isReady()).toBe(false);

      answers['GET /health'] = { status: 200, body: '{}' };
      expect(await client.isReady()).toBe(true);
      expect(await new RuntimeClient('http://127.0.0.1:9', { timeoutMs: 1000 }).isReady()).toBe(false);
    });
  });
});
