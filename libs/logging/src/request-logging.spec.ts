import { Writable } from 'node:stream';

import express from 'express';
import { PinoLogger } from 'nestjs-pino';
import { storage } from 'nestjs-pino/storage';
import pino from 'pino';
import request from 'supertest';

import { CORRELATION_HEADER } from './correlation';
import { RequestLogging } from './request-logging';

function appLoggingTo(lines: Record<string, unknown>[]) {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  const root = pino({ base: { service: 'test' } }, sink);
  const app = express();
  app.use(new RequestLogging(root).middleware as express.RequestHandler);
  app.get('/users/:id', (_request, response) => {
    new PinoLogger({ pinoHttp: { logger: root } }).info({ step: 'handler' }, 'inside the request');
    response.json({ ok: true });
  });
  app.get('/quiet', (_request, response) => response.json({ loggerMade: Boolean(Object.getOwnPropertyDescriptor(storage.getStore() ?? {}, 'child')?.value) }));
  app.get('/health', (_request, response) => response.json({ status: 'ok' }));
  app.get('/boom', (_request, response) => response.status(500).json({}));
  return app;
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe(RequestLogging.name, () => {
  it('should log one line per request with the caller’s correlation id, also on the lines logged inside it', async () => {
    const lines: Record<string, unknown>[] = [];
    const answer = await request(appLoggingTo(lines)).get('/users/42?token=secret').set(CORRELATION_HEADER, 'corr-1');
    await settle();

    expect(answer.headers[CORRELATION_HEADER]).toBe('corr-1');
    expect(lines).toEqual([
      expect.objectContaining({ msg: 'inside the request', step: 'handler', correlationId: 'corr-1', service: 'test' }),
      expect.objectContaining({
        msg: 'request completed',
        correlationId: 'corr-1',
        req: { id: 'corr-1', method: 'GET', url: '/users/42?token=secret' },
        res: { statusCode: 200 },
      }),
    ]);
    expect(JSON.stringify(lines)).not.toMatch(/headers|user-agent/);
  });

  it('should make a correlation id when the caller sent none or a malformed one', async () => {
    const lines: Record<string, unknown>[] = [];
    const app = appLoggingTo(lines);
    const fresh = await request(app).get('/users/1');
    const malformed = await request(app).get('/users/1').set(CORRELATION_HEADER, 'has spaces and "quotes"');
    expect(fresh.headers[CORRELATION_HEADER]).toMatch(/^[0-9a-f-]{36}$/);
    expect(malformed.headers[CORRELATION_HEADER]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('should make no child logger for a request that logs nothing, and keep health checks out of the log', async () => {
    const lines: Record<string, unknown>[] = [];
    const app = appLoggingTo(lines);
    expect((await request(app).get('/quiet')).body).toEqual({ loggerMade: false });
    await request(app).get('/health');
    await settle();
    expect(lines.map((line) => (line.req as { url: string }).url)).toEqual(['/quiet']);
  });

  it('should log a request answered with a server error at error level', async () => {
    const lines: Record<string, unknown>[] = [];
    await request(appLoggingTo(lines)).get('/boom');
    await settle();
    expect(lines).toEqual([expect.objectContaining({ level: 50, msg: 'request errored', res: { statusCode: 500 } })]);
  });
});
