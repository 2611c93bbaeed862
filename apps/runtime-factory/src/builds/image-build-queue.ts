import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { BuildImageJob, JobName, QueueName } from '@tailor/contracts';
import { Queue } from 'bullmq';

/** Enqueues builds with jobId = profile hash: however many replicas ask at once, a profile has one build job at a time. */
@Injectable()
export class ImageBuildQueue {
  constructor(@InjectQueue(QueueName.ImageBuild) private readonly queue: Queue) {}

  async enqueue(job: BuildImageJob): Promise<void> {
    await this.queue.add(JobName.BuildImage, job, { jobId: job.contentHash });
  }
}
