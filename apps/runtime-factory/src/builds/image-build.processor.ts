import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { OnModuleInit } from '@nestjs/common';
import { InjectConfig } from '@tailor/config';
import { BuildImageJob, JobName, QueueName } from '@tailor/contracts';
import { BuildFailure } from '@tailor/image-builder';
import { jobHandlers } from '@tailor/messaging';
import { Job, UnrecoverableError } from 'bullmq';
import { PinoLogger } from 'nestjs-pino';

import { type BuildsConfig, buildsConfig } from '../config/factory-config.groups';
import { BuildOutcome, ImageBuildService } from './image-build.service';

/** Thin worker of the image-build queue: validates the payload and delegates to ImageBuildService. */
@Processor(QueueName.ImageBuild)
export class ImageBuildProcessor extends WorkerHost implements OnModuleInit {
  private readonly handle = jobHandlers(QueueName.ImageBuild, {
    [JobName.BuildImage]: (payload, job) => this.build(payload, job),
  });

  constructor(
    private readonly builds: ImageBuildService,
    @InjectConfig(buildsConfig) private readonly buildsSettings: BuildsConfig,
    private readonly logger: PinoLogger,
  ) {
    super();
  }

  onModuleInit(): void {
    this.worker.concurrency = this.buildsSettings.concurrency;
  }

  process(job: Job): Promise<BuildOutcome> {
    return this.handle(job);
  }

  private async build(payload: BuildImageJob, job: Job): Promise<BuildOutcome> {
    try {
      return await this.builds.run(payload, {
        attemptsMade: job.attemptsMade,
        attempts: job.opts.attempts ?? 1,
        progress: (percent) => job.updateProgress(percent),
      });
    } catch (error) {
      if (error instanceof BuildFailure && error.permanent) throw new UnrecoverableError(error.message);
      throw error;
    }
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job | undefined, error: Error): void {
    this.logger.warn({ jobId: job?.id, attemptsMade: job?.attemptsMade, err: error }, 'image build attempt failed');
  }
}
