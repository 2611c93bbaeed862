import type { IncomingMessage, ServerResponse } from 'node:http';

import { Inject, Injectable } from '@nestjs/common';
import { Store, storage } from 'nestjs-pino/storage';
import type { Logger } from 'pino';

import { CORRELATION_HEADER, correlationIdOf } from './correlation';

export const ROOT_LOGGER = Symbol('ROOT_LOGGER');

const QUIET_ROUTES = ['/health', '/metrics'];

type Request = IncomingMessage & { id?: string; originalUrl?: string };

/**
 * A request's logger, bound to its correlation id, made only when something in the request logs: pino makes a child
 * logger with a dozen closures, which at hundreds of requests a second is most of what the garbage collector has to do.
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
 * Gives each request its correlation id (the caller's, else a new one; echoed in the response header), binds the
 * request's log lines to it, and writes one line per answered request: method, path, status and time, never headers.
 */
@Injectable()
export class RequestLogging {
  constructor(@Inject(ROOT_LOGGER) private readonly root: Logger) {}

  readonly middleware = (request: Request, response: ServerResponse, next: () => void): void => {
    const startedAt = performance.now();
    const correlationId = correlationIdOf(request);
    request.id = correlationId;
    response.setHeader(CORRELATION_HEADER, correlationId);
    const url = request.originalUrl ?? request.url ?? '';
    if (!QUIET_ROUTES.some((route) => url.startsWith(route))) {
      response.once('finish', () => this.answered(request, response, correlationId, url, startedAt));
    }
    storage.run(new RequestStore(this.root, correlationId) as unknown as Store, next);
  };

  private answered(request: Request, response: ServerResponse, correlationId: string, url: string, startedAt: number): void {
    const line = {
      correlationId,
      req: { id: correlationId, method: request.method, url },
      res: { statusCode: response.statusCode },
      responseTime: Math.round(performance.now() - startedAt),
    };
    if (response.statusCode >= 500) this.root.error(line, 'request errored');
    else this.root.info(line, 'request completed');
  }
}
