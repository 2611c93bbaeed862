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
  /** claiming a warm container from the pool (0 when none was idle) */
  claimMs: z.number().optional(),
});
export type ProvisionTimings = z.infer<typeof ProvisionTimingsSchema>;

/**
 * Where a provision's profile came from: a fresh answer of the predictor, the provisioner's recent copy of one, the last
 * known profile when the predictor did not answer in time, or the default profile when none was known.
 */
export const ProfileResolutionSchema = z.enum(['predicted', 'cached', 'last_known', 'default']);
export type ProfileResolution = z.infer<typeof ProfileResolutionSchema>;

export const EnvironmentSchema = z.object({
  id: z.uuid(),
  applicationId: IdentifierSchema,
  endpointId: IdentifierSchema,
  state: EnvironmentStateSchema,
  path: ProvisionPathSchema.nullable(),
  image: z.object({ ref: z.string(), hash: z.string(), match: z.enum(['exact', 'covering', 'base']).nullable() }),
  profile: z.object({
    /** null for the provisioner's own default profile, served when the predictor did not answer and none was known */
    id: z.uuid().nullable(),
    version: z.number().int(),
    source: z.enum(['model', 'default']),
    value: RuntimeProfileSchema,
  }).nullable(),
  container: z.object({ id: z.string(), memoryBytes: z.number(), nanoCpus: z.number() }).nullable(),
  endpoint: z.object({ host: z.string(), port: z.number().int(), url: z.url() }).nullable(),
  timings: ProvisionTimingsSchema.nullable(),
  /** What happened: where the profile came from, how the image matched it, whether a build was enqueued (never awaited). */
  resolution: z
    .object({
      profileSource: ProfileResolutionSchema,
      imageMatch: z.enum(['exact', 'covering', 'base']),
      buildEnqueued: z.boolean(),
      warm: z.boolean(),
    })
    .nullable()
    .optional(),
  correlationId: z.string().nullable(),
  createdAt: z.iso.datetime(),
  removedAt: z.iso.datetime().nullable(),
});
export type Environment = z.infer<typeof EnvironmentSchema>;


/** A handler bundle loaded into an environment's runtime: CommonJS source exporting `handler(event, context)`. */
export const LoadBundleRequestSchema = z.strictObject({
  source: z.string().min(1).max(5 * 1024 * 1024),
  /** extra files of the bundle: relative path → base64 content */
  files: z.record(z.string().min(1).max(500), z.string()).optional(),
});
export type LoadBundleRequest = z.infer<typeof LoadBundleRequestSchema>;

export const LoadBundleReplySchema = z.object({ environmentId: z.uuid(), loadMs: z.number() });
export type LoadBundleReply = z.infer<typeof LoadBundleReplySchema>;

export const InvokeRequestSchema = z.strictObject({ event: z.unknown().optional() });
export type InvokeRequest = z.infer<typeof InvokeRequestSchema>;

export const InvocationSchema = z.object({
  environmentId: z.uuid(),
  result: z.unknown(),
  durationMs: z.number(),
  /** libraries the handler loaded that the image did not preload */
  librariesMissed: z.array(z.string()),
  /** preloaded libraries no invocation used so far */
  preloadsUnused: z.array(z.string()),
  memoryPeakBytes: z.number().nullable(),
});
export type Invocation = z.infer<typeof InvocationSchema>;

/** Pre-warm a pool: keep at least `size` containers of the endpoint's profile for `minutes`. */
export const PrewarmRequestSchema = z.strictObject({
  applicationId: IdentifierSchema,
  endpointId: IdentifierSchema,
  size: z.number().int().min(0).max(500),
  minutes: z.number().int().min(1).max(1440).default(60),
});
export type PrewarmRequest = z.infer<typeof PrewarmRequestSchema>;

export const WarmPoolSchema = z.object({
  profileHash: z.string(),
  applicationId: IdentifierSchema,
  endpointId: IdentifierSchema,
  image: z.object({ ref: z.string(), hash: z.string(), match: z.enum(['exact', 'covering', 'base']) }),
  memoryMb: z.number().int(),
  targetSize: z.number().int(),
  idle: z.number().int(),
  starting: z.number().int(),
  claimed: z.number().int(),
  minSize: z.number().int(),
  minSizeUntil: z.iso.datetime().nullable(),
  reconciledAt: z.iso.datetime().nullable(),
});
export type WarmPool = z.infer<typeof WarmPoolSchema>;

export const WarmPoolListSchema = z.object({ pools: z.array(WarmPoolSchema) });

export const EnvironmentIdParamSchema = z.object({ id: z.uuid('must be a UUID') });
