import { z } from 'zod';

import { ContentHashSchema, CorrelationIdSchema, IdentifierSchema } from './identifiers.schema';
import { RuntimeProfileSchema } from './runtime-profile.schema';

/** Request/response messages between the apps (Nest microservices over Redis). Values are a persisted API. */
export enum MessagePattern {
  PredictProfile = 'predictor.predict-profile',
  ForecastWarmPools = 'predictor.forecast-warm-pools',
  ResolveImage = 'runtime-factory.resolve-image',
}

export const PredictProfileRequestSchema = z.object({
  correlationId: CorrelationIdSchema,
  applicationId: IdentifierSchema,
  endpointId: IdentifierSchema,
});
export type PredictProfileRequest = z.infer<typeof PredictProfileRequestSchema>;

export const ProfileSource = { Model: 'model', Default: 'default' } as const;
export type ProfileSource = (typeof ProfileSource)[keyof typeof ProfileSource];

const probability = z.number().min(0).max(1);

/** How sure the predictor is of each field of the profile (0..1): held-out figures of the model, shrunk for short histories. */
export const ProfileConfidenceSchema = z.object({
  libraries: probability,
  preload: probability,
  memoryMb: probability,
  cpuMillis: probability,
  warmPool: probability,
});
export type ProfileConfidence = z.infer<typeof ProfileConfidenceSchema>;

export const PredictProfileReplySchema = z.object({
  profileId: z.uuid(),
  version: z.number().int().min(1),
  contentHash: ContentHashSchema,
  source: z.enum([ProfileSource.Model, ProfileSource.Default]),
  modelVersion: z.string().nullable(),
  profile: RuntimeProfileSchema,
  /** per-field confidence (absent from older predictors) */
  confidence: ProfileConfidenceSchema.optional(),
  /** P(loaded in the next window) of each library candidate, by name */
  libraryProbabilities: z.record(z.string(), probability).optional(),
});
export type PredictProfileReply = z.infer<typeof PredictProfileReplySchema>;

export const ResolveImageRequestSchema = z.object({
  correlationId: CorrelationIdSchema,
  contentHash: ContentHashSchema,
  profile: RuntimeProfileSchema,
});
export type ResolveImageRequest = z.infer<typeof ResolveImageRequestSchema>;

export const ImageMatch = { Exact: 'exact', Covering: 'covering', Base: 'base' } as const;
export type ImageMatch = (typeof ImageMatch)[keyof typeof ImageMatch];

export const ResolveImageReplySchema = z.object({
  imageRef: z.string().min(1),
  imageHash: z.string().min(1),
  match: z.enum([ImageMatch.Exact, ImageMatch.Covering, ImageMatch.Base]),
  buildEnqueued: z.boolean(),
});
export type ResolveImageReply = z.infer<typeof ResolveImageReplySchema>;

/** The provisioner's minute-by-minute question: how likely is each active endpoint to be invoked in each coming minute? */
export const ForecastWarmPoolsRequestSchema = z.object({
  correlationId: CorrelationIdSchema,
  horizonMinutes: z.number().int().min(1).max(60).default(10),
});
export type ForecastWarmPoolsRequest = z.infer<typeof ForecastWarmPoolsRequestSchema>;
export type ForecastWarmPoolsRequestInput = z.input<typeof ForecastWarmPoolsRequestSchema>;

export const EndpointForecastSchema = z.object({
  applicationId: IdentifierSchema,
  endpointId: IdentifierSchema,
  /** P(invoked in minute fromMinute + i), i < horizonMinutes, assuming no invocation in the minutes before */
  probabilities: z.array(probability),
  /** instances needed when it is invoked */
  expectedConcurrency: z.number().int().min(0),
});
export type EndpointForecast = z.infer<typeof EndpointForecastSchema>;

export const ForecastWarmPoolsReplySchema = z.object({
  /** the model version whose arrival head forecast, or null for the empirical hazard */
  modelVersion: z.string().nullable(),
  source: z.enum(['model', 'empirical']),
  generatedAt: z.iso.datetime(),
  /** epoch minute (floor(ms / 60000)) of the first forecast minute */
  fromMinute: z.number().int(),
  horizonMinutes: z.number().int().min(1),
  endpoints: z.array(EndpointForecastSchema),
});
export type ForecastWarmPoolsReply = z.infer<typeof ForecastWarmPoolsReplySchema>;

/** Each message's request and reply schemas: the caller sends the request and checks the reply, the handler the reverse. */
export const RpcContracts = {
  [MessagePattern.PredictProfile]: { request: PredictProfileRequestSchema, reply: PredictProfileReplySchema },
  [MessagePattern.ForecastWarmPools]: { request: ForecastWarmPoolsRequestSchema, reply: ForecastWarmPoolsReplySchema },
  [MessagePattern.ResolveImage]: { request: ResolveImageRequestSchema, reply: ResolveImageReplySchema },
} as const satisfies Record<MessagePattern, { request: z.ZodType; reply: z.ZodType }>;

/** What a caller sends with `Pattern` (before the schema's defaults). */
export type RpcRequestOf<Pattern extends MessagePattern> = z.input<(typeof RpcContracts)[Pattern]['request']>;
/** What the handler of `Pattern` is given (validated, defaults applied). */
export type RpcPayloadOf<Pattern extends MessagePattern> = z.output<(typeof RpcContracts)[Pattern]['request']>;
/** What the handler of `Pattern` answers. */
export type RpcReplyOf<Pattern extends MessagePattern> = z.output<(typeof RpcContracts)[Pattern]['reply']>;
