import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';

import { HttpExceptionFilter } from './http-exception.filter';
import { jsonBodyErrors, parseJsonBody, requireJsonContentType } from './json-body.middleware';
import { buildOpenApiDocument } from './openapi';
import type { ServiceDescription } from './service-description';

export interface HttpAppOptions {
  bodyLimitBytes: number;
}

/** Everything every Tailor HTTP app shares: logs, body rules, error shape, OpenAPI at /openapi.json and /docs. */
export function configureHttpApp(
  app: NestExpressApplication,
  service: ServiceDescription,
  { bodyLimitBytes }: HttpAppOptions,
): void {
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  app.use(requireJsonContentType, parseJsonBody(bodyLimitBytes), jsonBodyErrors);
  app.useGlobalFilters(new HttpExceptionFilter());
  const document = buildOpenApiDocument(app, service);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'openapi.json' });
}
