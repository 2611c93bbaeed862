import { z } from 'zod';

import { IdentifierSchema } from './identifiers.schema';
import { RuntimeProfileSchema } from './runtime-profile.schema';

export const ProvisionRequestSchema = z.strictObject({
  applicationId: IdentifierSchema,
  endpointId: IdentifierSchema,
});
export type ProvisionRequest = z.infer<typeof ProvisionRequestSchema>;

export const EnvironmentStateSchema = z.enum(['creating', 'running', 'failed', 'removed']);
export const ProvisionPathSchema = z.enum(['warm_hit', 'cold_specialized', 'cold_fallback']);

export const ProvisionTimingsSchema = z.object({
  predictMs: z.number(),
  resolveImageMs: z.number(),
  createContainerMs: z.number(),
  startContainerMs: z.number(),
  readyMs: z.number(),
  totalMs: z.number(),
});
export type ProvisionTimings = z.infer<typeof ProvisionTimingsSchema>;

export const EnvironmentSchema = z.object({
  id: z.uuid(),
  applicationId: IdentifierSchema,
  endpointId: IdentifierSchema,
  state: EnvironmentStateSchema,
  path: ProvisionPathSchema.nullable(),
  image: z.object({ ref: z.string(), hash: z.string(), match: z.enum(['exact', 'covering', 'base']).nullable() }),
  profile: z.object({
    id: z.uuid(),
    version: z.number().int(),
    source: z.enum(['model', 'default']),
    value: RuntimeProfileSchema,
  }).nullable(),
  container: z.object({ id: z.string(), memoryBytes: z.number(), nanoCpus: z.number() }).nullable(),
  endpoint: z.object({ host: z.string(), port: z.number().int(), url: z.url() }).nullable(),
  timings: ProvisionTimingsSchema.nullable(),
  correlationId: z.string().nullable(),
  createdAt: z.iso.datetime(),
  removedAt: z.iso.datetime().nullable(),
});
export type Environment = z.infer<typeof EnvironmentSchema>;

export const EnvironmentIdParamSchema = z.object({ id: z.uuid('must be a UUID') });
