import { z } from 'zod';

import { ContentHashSchema, CorrelationIdSchema, IdentifierSchema } from './identifiers.schema';
import { RuntimeProfileSchema } from './runtime-profile.schema';

/** BullMQ queues. Values are a persisted API: never rename one casually. */
export enum QueueName {
  ImageBuild = 'image-build',
  EndpointDataChanged = 'endpoint-data-changed',
  ModelRetrain = 'model-retrain',
}

export enum JobName {
  BuildImage = 'build-image',
  RefreshPrediction = 'refresh-prediction',
  RetrainModel = 'retrain-model',
}

export const BuildImageJobSchema = z.object({
  correlationId: CorrelationIdSchema,
  contentHash: ContentHashSchema,
  profile: RuntimeProfileSchema,
});
export type BuildImageJob = z.infer<typeof BuildImageJobSchema>;

export const RefreshPredictionJobSchema = z.object({
  applicationId: IdentifierSchema,
  endpointId: IdentifierSchema,
  changedAt: z.iso.datetime(),
});
export type RefreshPredictionJob = z.infer<typeof RefreshPredictionJobSchema>;

export const RetrainModelJobSchema = z.object({
  requestedBy: z.enum(['schedule', 'api']),
  correlationId: CorrelationIdSchema.optional(),
});
export type RetrainModelJob = z.infer<typeof RetrainModelJobSchema>;
