import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { cleanupOpenApiDoc } from 'nestjs-zod';

import type { ServiceDescription } from './service-description';

const NESTJS_ZOD_EMPTY_TYPE = 'x-nestjs_zod-empty-type';

/** `EnvironmentsController` + `provision` → `environmentsProvision`: stable, unique per app, readable in the SDK. */
export function operationIdOf(controllerKey: string, methodKey: string): string {
  const controller = controllerKey.replace(/Controller$/, '');
  return `${controller.charAt(0).toLowerCase()}${controller.slice(1)}${methodKey.charAt(0).toUpperCase()}${methodKey.slice(1)}`;
}

export function buildOpenApiDocument(app: INestApplication, service: ServiceDescription): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle(`Tailor ${service.name}`)
    .setDescription(service.description)
    .setVersion('0.1.0')
    .build();
  const raw = SwaggerModule.createDocument(app, config, { operationIdFactory: operationIdOf });
  return cleanupOpenApiDoc(repairNullablePrimitives(raw));
}

interface PropertySchema {
  type?: unknown;
  items?: { type?: unknown };
  anyOf?: unknown[];
  [NESTJS_ZOD_EMPTY_TYPE]?: boolean;
}

/**
 * zod writes a nullable primitive as `type: ["string", "null"]`; @nestjs/swagger reads an array `type` as "an array of the
 * first type", so `z.string().nullable()` would be documented as `string[]`. nestjs-zod marks such properties (a real array
 * has `type: "array"` and no mark); they are turned back into `anyOf: [{type}, {type: null}]`, which cleanupOpenApiDoc
 * then writes as `nullable: true`.
 */
export function repairNullablePrimitives(document: OpenAPIObject): OpenAPIObject {
  for (const schema of Object.values(document.components?.schemas ?? {})) {
    const properties = (schema as { properties?: Record<string, PropertySchema> }).properties ?? {};
    for (const property of Object.values(properties)) {
      const itemType = property.items?.type;
      if (property[NESTJS_ZOD_EMPTY_TYPE] && property.type === 'array' && typeof itemType === 'string') {
        delete property.type;
        delete property.items;
        property.anyOf = [{ type: itemType }, { type: 'null' }];
      }
    }
  }
  return document;
}
