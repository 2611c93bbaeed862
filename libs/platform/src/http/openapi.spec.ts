import type { OpenAPIObject } from '@nestjs/swagger';

import { operationIdOf, repairNullablePrimitives } from './openapi';

describe(operationIdOf.name, () => {
  it('should name an operation after its controller and method', () => {
    expect(operationIdOf('EnvironmentsController', 'provision')).toBe('environmentsProvision');
    expect(operationIdOf('HealthController', 'check')).toBe('healthCheck');
  });
});

describe(repairNullablePrimitives.name, () => {
  it('should document a nullable primitive as nullable, not as an array, and leave real arrays alone', () => {
    const document = {
      components: {
        schemas: {
          Dto: {
            type: 'object',
            properties: {
              correlationId: { type: 'array', items: { type: 'string' }, 'x-nestjs_zod-empty-type': true },
              tags: { type: 'array', items: { type: 'string' } },
            },
          },
        },
      },
    } as unknown as OpenAPIObject;

    const properties = (repairNullablePrimitives(document).components?.schemas?.Dto as { properties: Record<string, unknown> })
      .properties;

    expect(properties.correlationId).toEqual({ anyOf: [{ type: 'string' }, { type: 'null' }], 'x-nestjs_zod-empty-type': true });
    expect(properties.tags).toEqual({ type: 'array', items: { type: 'string' } });
  });
});
