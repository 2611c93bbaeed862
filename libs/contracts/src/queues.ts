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

/** Each job's payload schema: what its producer sends and its worker validates. */
export const JobPayloadSchemas = {
  [JobName.BuildImage]: BuildImageJobSchema,
  [JobName.RefreshPrediction]: RefreshPredictionJobSchema,
  [JobName.RetrainModel]: RetrainModelJobSchema,
} as const satisfies Record<JobName, z.ZodType>;

/** The queue each job goes to. */
export const JobQueues = {
  [JobName.BuildImage]: QueueName.ImageBuild,
  [JobName.RefreshPrediction]: QueueName.EndpointDataChanged,
  [JobName.RetrainModel]: QueueName.ModelRetrain,
} as const satisfies Record<JobName, QueueName>;

/** The payload of job `Name`. */
export type JobOf<Name extends JobName> = z.infer<(typeof JobPayloadSchemas)[Name]>;

/** A job as name and payload, one member per job name (Immich's JobItem). */
export type JobItem = { [Name in JobName]: { name: Name; data: JobOf<Name> } }[JobName];

/** The names of the jobs that go to queue `Queue`. */
export type JobNameOf<Queue extends QueueName> = {
  [Name in JobName]: (typeof JobQueues)[Name] extends Queue ? Name : never;
}[JobName];

/** The jobs of queue `Queue`, as name and payload. */
export type QueueJobItem<Queue extends QueueName> = Extract<JobItem, { name: JobNameOf<Queue> }>;

/** The names of the jobs that go to `queue`, for a worker to check at boot that it handles each. */
export function jobNamesOf<Queue extends QueueName>(queue: Queue): JobNameOf<Queue>[] {
  return (Object.keys(JobQueues) as JobName[]).filter((name) => JobQueues[name] === queue) as JobNameOf<Queue>[];
}
