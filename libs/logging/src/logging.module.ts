import type { IncomingMessage, ServerResponse } from 'node:http';

import { DynamicModule } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { LoggerModule } from 'nestjs-pino';
import pino from 'pino';

import { CORRELATION_HEADER, correlationIdOf } from './correlation';

const QUIET_ROUTES = ['/health', '/metrics'];
/** log lines are written in chunks of this many bytes, or at least this often */
const LOG_CHUNK_BYTES = 8 * 1024;
const LOG_FLUSH_MS = 100;

/** stdout, written asynchronously in chunks (pino flushes what is buffered on exit) */
function bufferedStdout(): pino.DestinationStream {
  const destination = pino.destination({ dest: 1, sync: false, minLength: LOG_CHUNK_BYTES });
  setInterval(() => destination.flush(), LOG_FLUSH_MS).unref();
  return destination;
}

/**
 * JSON logs (pretty never: pipe through pino-pretty when reading by hand), one correlation id per request.
 * Lines are buffered and written asynchronously: a synchronous write per request costs a system call each and stalls the
 * event loop whenever the reader of stdout is slow. A request line names the method, route and status, never the
 * headers (they may carry credentials).
 */
export function loggingModuleFor(service: string): DynamicModule {
  return LoggerModule.forRootAsync({
    inject: [ConfigService],
    useFactory: (config: ConfigService) => ({
      pinoHttp: [
        {
          name: service,
          level: config.get<string>('LOG_LEVEL') ?? 'info',
          base: { service },
          serializers: {
            req: (request: IncomingMessage & { id?: unknown }) => ({ id: request.id, method: request.method, url: request.url }),
            res: (response: ServerResponse) => ({ statusCode: response.statusCode }),
          },
          genReqId: (request, response) => {
            const correlationId = correlationIdOf(request);
            response.setHeader(CORRELATION_HEADER, correlationId);
            return correlationId;
          },
          customProps: (request) => ({ correlationId: request.id }),
          autoLogging: { ignore: (request) => QUIET_ROUTES.some((route) => request.url?.startsWith(route)) },
        },
        bufferedStdout(),
      ],
    }),
  });
}
