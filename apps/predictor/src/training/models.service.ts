import { Injectable } from '@nestjs/common';

import { ModelRegistryService } from '../models/model-registry.service';
import { ModelVersionRepository } from '../models/model-version.repository';
import type { ModelVersionDto, RetrainAcceptedDto, RetrainStatusDto } from './dto/retrain.dto';
import { RetrainErrorCode, RetrainException } from './retrain.exception';
import { RetrainQueue } from './retrain-queue';
import type { RetrainProgress, RetrainResult } from './retrain.service';

const iso = (ms: number | undefined) => (ms ? new Date(ms).toISOString() : null);

@Injectable()
export class ModelsService {
  constructor(
    private readonly queue: RetrainQueue,
    private readonly versions: ModelVersionRepository,
    private readonly registry: ModelRegistryService,
  ) {}

  requestRetrain(correlationId?: string): Promise<RetrainAcceptedDto> {
    return this.queue.enqueue({ requestedBy: 'api', correlationId });
  }

  async retrainStatus(jobId: string): Promise<RetrainStatusDto> {
    let job = await this.queue.job(jobId);
    if (!job) throw new RetrainException(RetrainErrorCode.JobNotFound, `no retrain job ${jobId}`);
    const state = await job.getState();
    // it may have finished between the two reads: read it again for its outcome
    if (state === 'completed' || state === 'failed') job = (await this.queue.job(jobId)) ?? job;
    const progress = typeof job.progress === 'object' ? (job.progress as unknown as RetrainProgress) : null;
    return {
      jobId,
      state,
      requestedBy: (job.data as { requestedBy?: string }).requestedBy ?? null,
      progress,
      result: (job.returnvalue as RetrainResult | null) ?? null,
      failedReason: job.failedReason ?? null,
      createdAt: new Date(job.timestamp).toISOString(),
      finishedAt: iso(job.finishedOn),
    };
  }

  async list(): Promise<ModelVersionDto[]> {
    const serving = this.registry.serving?.id;
    return (await this.versions.list()).map((row) => ({
      id: row.id,
      version: row.version,
      status: row.status,
      statusReason: row.statusReason,
      dataWindowStart: row.dataWindowStart?.toISOString() ?? null,
      dataWindowEnd: row.dataWindowEnd?.toISOString() ?? null,
      createdAt: row.createdAt.toISOString(),
      promotedAt: row.promotedAt?.toISOString() ?? null,
      metrics: row.metrics,
      serving: row.id === serving,
    }));
  }
}
