import { DynamicModule, Global, Module } from '@nestjs/common';
import { type LoggingConfig, loggingConfig } from '@tailor/config';
import { LoggerModule } from 'nestjs-pino';
import pino, { type Logger } from 'pino';

import { RequestLogging, ROOT_LOGGER } from './request-logging';

/** log lines are written in chunks of this many bytes, or at least this often */
const LOG_CHUNK_BYTES = 8 * 1024;
const LOG_FLUSH_MS = 100;

/** stdout, written asynchronously in chunks (pino flushes what is buffered on exit) */
function bufferedStdout(): pino.DestinationStream {
  const destination = pino.destination({ dest: 1, sync: false, minLength: LOG_CHUNK_BYTES });
  setInterval(() => destination.flush(), LOG_FLUSH_MS).unref();
  return destination;
}

@Global()
@Module({})
class RootLoggerModule {}

@Global()
@Module({})
class RequestLoggingModule {}

/**
 * JSON logs (pretty never: pipe through pino-pretty when reading by hand), one correlation id per request.
 * Lines are buffered and written asynchronously: a synchronous write per request costs a system call each and stalls the
 * event loop whenever the reader of stdout is slow. Requests are logged by RequestLogging (Fastify hooks the platform
 * registers first), not by nestjs-pino's per-request pino-http middleware.
 */
export function loggingModuleFor(service: string): DynamicModule {
  const rootLogger: DynamicModule = {
    module: RootLoggerModule,
    providers: [
      {
        provide: ROOT_LOGGER,
        inject: [loggingConfig.token],
        useFactory: (logging: LoggingConfig): Logger =>
          pino({ name: service, level: logging.level, base: { service } }, bufferedStdout()),
      },
    ],
    exports: [ROOT_LOGGER],
  };
  return {
    module: RequestLoggingModule,
    imports: [
      rootLogger,
      LoggerModule.forRootAsync({
        imports: [rootLogger],
        inject: [ROOT_LOGGER],
        useFactory: (logger: Logger) => ({ pinoHttp: { logger }, forRoutes: [] }),
      }),
    ],
    providers: [RequestLogging],
    exports: [RequestLogging, LoggerModule],
  };
}
