import { z } from 'zod';

import { ContentHashSchema, CorrelationIdSchema, IdentifierSchema } from './identifiers.schema';
import { RuntimeProfileSchema } from './runtime-profile.schema';

/** Request/response messages between the apps (Nest microservices over Redis). Values are a persisted API. */
export enum MessagePattern {
  PredictProfile = 'predictor.predict-profile',
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

export const PredictProfileReplySchema = z.object({
  profileId: z.uuid(),
  version: z.number().int().min(1),
  contentHash: ContentHashSchema,
  source: z.enum([ProfileSource.Model, ProfileSource.Default]),
  modelVersion: z.string().nullable(),
  profile: RuntimeProfileSchema,
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
