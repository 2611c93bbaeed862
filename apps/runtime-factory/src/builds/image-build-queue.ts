import { Injectable } from '@nestjs/common';
import { BuildImageJob, JobName, QueueName } from '@tailor/contracts';
import { InjectJobQueue, JobQueue } from '@tailor/messaging';

/** Enqueues builds with jobId = profile hash: however many replicas ask at once, a profile has one build job at a time. */
@Injectable()
export class ImageBuildQueue {
  constructor(@InjectJobQueue(QueueName.ImageBuild) private readonly queue: JobQueue<QueueName.ImageBuild>) {}

  /**
   * A failed job of the same profile is kept (for inspection) and would swallow the new one: it is removed first. The
   * caller enqueues only profiles whose failure is not, or no longer, answered from.
   */
  async enqueue(job: BuildImageJob): Promise<void> {
    const previous = await this.queue.getJob(job.contentHash);
    if (previous && (await previous.isFailed())) {
      // another replica may have removed (and re-added) it meanwhile: then add() below is a no-op
      await previous.remove().catch(() => undefined);
    }
    await this.queue.add(JobName.BuildImage, job, { jobId: job.contentHash });
  }
}
