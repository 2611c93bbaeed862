import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { cleanupOpenApiDoc } from 'nestjs-zod';

import type { ServiceDescription } from './service-description';

export function buildOpenApiDocument(app: INestApplication, service: ServiceDescription): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle(`Tailor ${service.name}`)
    .setDescription(service.description)
    .setVersion('0.1.0')
    .build();
  return cleanupOpenApiDoc(SwaggerModule.createDocument(app, config));
}
