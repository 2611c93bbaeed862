import { Inject, Injectable } from '@nestjs/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Store, storage } from 'nestjs-pino/storage';
import type { Logger } from 'pino';

import { CORRELATION_HEADER } from './correlation';

export const ROOT_LOGGER = Symbol('ROOT_LOGGER');

const QUIET_ROUTES = ['/health', '/metrics'];

/**
 * A request's logger, bound to its correlation id, made only when something in the request logs: pino makes a child
 * logger with a dozen closures, which at hundreds of requests a second is much of what the garbage collector has to do.
 */
class RequestStore implements Pick<Store, 'logger'> {
  private child?: Logger;

  constructor(
    private readonly root: Logger,
    private readonly correlationId: string,
  ) {}

  get logger(): Logger {
    return (this.child ??= this.root.child({ correlationId: this.correlationId }));
  }
}

/**
 * Echoes each request's correlation id (Fastify's request id: the caller's, else a new one; see correlationIdOf) in the
 * response, binds the lines logged while a controller runs to it, and writes one line per answered request: method,
 * path, status and time, never headers.
 */
@Injectable()
export class RequestLogging {
  constructor(@Inject(ROOT_LOGGER) private readonly root: Logger) {}

  register(fastify: FastifyInstance): void {
    fastify.addHook('onRequest', (request, reply, done) => {
      void reply.header(CORRELATION_HEADER, request.id);
      done();
    });
    // after the body is read (its events come from the socket's context), so that the controller runs in the store's
    fastify.addHook('preHandler', (request, _reply, done) => {
      storage.run(new RequestStore(this.root, request.id) as unknown as Store, done);
    });
    fastify.addHook('onResponse', (request, reply, done) => {
      if (!QUIET_ROUTES.some((route) => request.url.startsWith(route))) this.answered(request, reply);
      done();
    });
  }

  private answered(request: FastifyRequest, reply: FastifyReply): void {
    const line = {
      correlationId: request.id,
      req: { id: request.id, method: request.method, url: request.url },
      res: { statusCode: reply.statusCode },
      responseTime: Math.round(reply.elapsedTime),
    };
    if (reply.statusCode >= 500) this.root.error(line, 'request errored');
    else this.root.info(line, 'request completed');
  }
}
