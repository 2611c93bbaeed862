import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export class RetrainAcceptedDto extends createZodDto(
  z.object({
    jobId: z.string(),
    /** true when a retrain was already waiting or running: that one is returned */
    alreadyQueued: z.boolean(),
  }),
) {}

export class RetrainJobParamsDto extends createZodDto(z.object({ jobId: z.string().min(1).max(200) })) {}

export class RetrainStatusDto extends createZodDto(
  z.object({
    jobId: z.string(),
    state: z.string(),
    requestedBy: z.string().nullable(),
    progress: z.object({ phase: z.string(), percent: z.number() }).nullable(),
    result: z
      .object({
        outcome: z.enum(['promoted', 'rejected', 'skipped']),
        reason: z.string(),
        modelVersionId: z.string().optional(),
        version: z.number().optional(),
        trainingMs: z.number().optional(),
        holdoutCostMs: z.record(z.string(), z.number().optional()).optional(),
      })
      .nullable(),
    failedReason: z.string().nullable(),
    createdAt: z.iso.datetime(),
    finishedAt: z.iso.datetime().nullable(),
  }),
) {}

export class ModelVersionDto extends createZodDto(
  z.object({
    id: z.uuid(),
    version: z.number().int(),
    status: z.enum(['training', 'candidate', 'champion', 'retired', 'rejected']),
    statusReason: z.string().nullable(),
    dataWindowStart: z.iso.datetime().nullable(),
    dataWindowEnd: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
    promotedAt: z.iso.datetime().nullable(),
    metrics: z.unknown(),
    serving: z.boolean(),
  }),
) {}
