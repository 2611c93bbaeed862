import { Writable } from 'node:stream';

import Fastify from 'fastify';
import { PinoLogger } from 'nestjs-pino';
import { storage } from 'nestjs-pino/storage';
import pino from 'pino';

import { CORRELATION_HEADER, correlationIdOf } from './correlation';
import { RequestLogging } from './request-logging';

const running: { close(): Promise<unknown> }[] = [];

async function appLoggingTo(lines: Record<string, unknown>[]) {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  const root = pino({ base: { service: 'test' } }, sink);
  const app = Fastify({ genReqId: correlationIdOf });
  new RequestLogging(root).register(app);
  app.get('/users/:id', async () => {
    new PinoLogger({ pinoHttp: { logger: root } }).info({ step: 'handler' }, 'inside the request');
    return { ok: true };
  });
  app.get('/quiet', async () => ({ loggerMade: Boolean(Object.getOwnPropertyDescriptor(storage.getStore() ?? {}, 'child')?.value) }));
  app.get('/health', async () => ({ status: 'ok' }));
  app.get('/boom', async (_request, reply) => reply.code(500).send({}));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as { port: number };
  running.push(app);
  return (path: string, headers: Record<string, string> = {}) => fetch(`http://127.0.0.1:${port}${path}`, { headers });
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe(RequestLogging.name, () => {
  afterEach(async () => {
    await Promise.all(running.splice(0).map((app) => app.close()));
  });

  it('should log one line per request with the caller’s correlation id, also on the lines logged inside it', async () => {
    const lines: Record<string, unknown>[] = [];
    const get = await appLoggingTo(lines);
    const answer = await get('/users/42?token=secret', { [CORRELATION_HEADER]: 'corr-1', authorization: 'Bearer x' });
    await settle();

    expect(answer.headers.get(CORRELATION_HEADER)).toBe('corr-1');
    expect(lines).toEqual([
      expect.objectContaining({ msg: 'inside the request', step: 'handler', correlationId: 'corr-1', service: 'test' }),
      expect.objectContaining({
        msg: 'request completed',
        correlationId: 'corr-1',
        req: { id: 'corr-1', method: 'GET', url: '/users/42?token=secret' },
        res: { statusCode: 200 },
      }),
    ]);
    expect(JSON.stringify(lines)).not.toMatch(/Bearer|authorization|user-agent/);
  });

  it('should make a correlation id when the caller sent none or a malformed one', async () => {
    const get = await appLoggingTo([]);
    const fresh = await get('/users/1');
    const malformed = await get('/users/1', { [CORRELATION_HEADER]: 'has spaces and "quotes"' });
    expect(fresh.headers.get(CORRELATION_HEADER)).toMatch(/^[0-9a-f-]{36}$/);
    expect(malformed.headers.get(CORRELATION_HEADER)).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('should make no child logger for a request that logs nothing, and keep health checks out of the log', async () => {
    const lines: Record<string, unknown>[] = [];
    const get = await appLoggingTo(lines);
    expect(await (await get('/quiet')).json()).toEqual({ loggerMade: false });
    await get('/health');
    await settle();
    expect(lines.map((line) => (line.req as { url: string }).url)).toEqual(['/quiet']);
  });

  it('should log a request answered with a server error at error level', async () => {
    const lines: Record<string, unknown>[] = [];
    await (await appLoggingTo(lines))('/boom');
    await settle();
    expect(lines).toEqual([expect.objectContaining({ level: 50, msg: 'request errored', res: { statusCode: 500 } })]);
  });
});
