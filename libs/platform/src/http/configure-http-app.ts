import type { Type } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { RequestLogging } from '@tailor/logging';
import { Logger } from 'nestjs-pino';

import { HttpMetrics } from '../metrics/http.metrics';
import { HttpExceptionFilter } from './http-exception.filter';
import { acceptJsonBodies } from './json-body';
import { buildOpenApiDocument } from './openapi';
import type { ServiceDescription } from './service-description';

export interface HttpAppOptions {
  bodyLimitBytes: number;
}

/**
 * Everything every Tailor HTTP app shares (on Fastify, from createHttpAdapter): logs, body rules, error shape, metrics,
 * OpenAPI at /openapi.json and /docs. Call before app.init().
 */
export function configureHttpApp(
  app: NestFastifyApplication,
  service: ServiceDescription,
  { bodyLimitBytes }: HttpAppOptions,
): void {
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  const fastify = app.getHttpAdapter().getInstance();
  app.get(RequestLogging).register(fastify);
  optional(app, HttpMetrics)?.register(fastify);
  acceptJsonBodies(fastify, bodyLimitBytes);
  app.useGlobalFilters(new HttpExceptionFilter(bodyLimitBytes));
  SwaggerModule.setup('docs', app, buildOpenApiDocument(app, service), { jsonDocumentUrl: 'openapi.json' });
}

/** A provider the app may not have (e.g. an app without MetricsModule). */
function optional<T>(app: NestFastifyApplication, type: Type<T>): T | undefined {
  try {
    return app.get(type, { strict: false });
  } catch {
    return undefined;
  }
}
