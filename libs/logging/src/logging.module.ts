import { DynamicModule } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { LoggerModule } from 'nestjs-pino';

import { CORRELATION_HEADER, correlationIdOf } from './correlation';

const QUIET_ROUTES = ['/health', '/metrics'];

/** JSON logs (pretty never: pipe through pino-pretty when reading by hand), one correlation id per request. */
export function loggingModuleFor(service: string): DynamicModule {
  return LoggerModule.forRootAsync({
    inject: [ConfigService],
    useFactory: (config: ConfigService) => ({
      pinoHttp: {
        name: service,
        level: config.get<string>('LOG_LEVEL') ?? 'info',
        base: { service },
        redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-api-key"]'],
        genReqId: (request, response) => {
          const correlationId = correlationIdOf(request);
          response.setHeader(CORRELATION_HEADER, correlationId);
          return correlationId;
        },
        customProps: (request) => ({ correlationId: request.id }),
        autoLogging: { ignore: (request) => QUIET_ROUTES.some((route) => request.url?.startsWith(route)) },
      },
    }),
  });
}
