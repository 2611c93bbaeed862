import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { InjectConfig } from '@tailor/config';
import { JobName, QueueName, RetrainModelJob } from '@tailor/contracts';
import { InjectJobQueue, JobQueue } from '@tailor/messaging';
import { Job } from 'bullmq';

import { type TrainingConfig, trainingConfig } from '../config/predictor-config.groups';

export const NIGHTLY_RETRAIN_SCHEDULER = 'nightly-retrain';
/** While a retrain job waits or runs, asking for another returns it (BullMQ deduplication). */
const DEDUPLICATION_ID = 'model-retrain';

@Injectable()
export class RetrainQueue implements OnApplicationBootstrap {
  constructor(
    @InjectJobQueue(QueueName.ModelRetrain) private readonly queue: JobQueue<QueueName.ModelRetrain>,
    @InjectConfig(trainingConfig) private readonly training: TrainingConfig,
  ) {}

  /** The nightly retrain: one repeatable job scheduler per namespace, updated to RETRAIN_CRON at every start. */
  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      NIGHTLY_RETRAIN_SCHEDULER,
      { pattern: this.training.cron },
      { name: JobName.RetrainModel, data: { requestedBy: 'schedule' } },
    );
  }

  async cron(): Promise<string | undefined> {
    return (await this.queue.getJobScheduler(NIGHTLY_RETRAIN_SCHEDULER))?.pattern ?? undefined;
  }

  /** Enqueues a retrain now, or returns the one already waiting or running. */
  async enqueue(job: RetrainModelJob): Promise<{ jobId: string; alreadyQueued: boolean }> {
    const existing = await this.pending();
    if (existing) return { jobId: existing, alreadyQueued: true };
    const added = await this.queue.add(JobName.RetrainModel, job, { deduplication: { id: DEDUPLICATION_ID } });
    return { jobId: added.id as string, alreadyQueued: false };
  }

  async job(jobId: string): Promise<Job | undefined> {
    return (await this.queue.getJob(jobId)) ?? undefined;
  }

  private async pending(): Promise<string | undefined> {
    const jobs = await this.queue.getJobs(['active', 'waiting', 'prioritized']);
    return jobs.find((j) => j?.name === (JobName.RetrainModel as string))?.id ?? undefined;
  }
}
