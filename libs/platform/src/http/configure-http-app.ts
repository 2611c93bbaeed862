import type { Type } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { RequestLogging } from '@tailor/logging';
import { Logger } from 'nestjs-pino';

import { HttpMetrics } from '../metrics/http.metrics';
import { HttpExceptionFilter } from './http-exception.filter';
import { JsonParse, jsonBodyErrors, parseJsonBody, requireJsonContentType } from './json-body.middleware';
import { buildOpenApiDocument } from './openapi';
import type { ServiceDescription } from './service-description';

export interface HttpAppOptions {
  bodyLimitBytes: number;
  /** how JSON bodies are parsed, when JSON.parse is not the best fit for the app's bodies */
  parseJson?: JsonParse;
}

/** Everything every Tailor HTTP app shares: logs, body rules, error shape, OpenAPI at /openapi.json and /docs. */
export function configureHttpApp(
  app: NestExpressApplication,
  service: ServiceDescription,
  { bodyLimitBytes, parseJson }: HttpAppOptions,
): void {
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  // first, so that requests refused by the body rules get a correlation id, a log line and a count too
  app.use(app.get(RequestLogging).middleware);
  const httpMetrics = optional(app, HttpMetrics);
  if (httpMetrics) app.use(httpMetrics.middleware);
  app.use(requireJsonContentType, parseJsonBody(bodyLimitBytes, parseJson), jsonBodyErrors);
  app.useGlobalFilters(new HttpExceptionFilter());
  const document = buildOpenApiDocument(app, service);
  httpMetrics?.knowRoutes(Object.keys(document.paths));
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'openapi.json' });
}

/** A provider the app may not have (e.g. an app without MetricsModule). */
function optional<T>(app: NestExpressApplication, type: Type<T>): T | undefined {
  try {
    return app.get(type, { strict: false });
  } catch {
    return undefined;
  }
}
