import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { OnModuleInit } from '@nestjs/common';
import { InjectConfig } from '@tailor/config';
import { BuildImageJobSchema, JobName, QueueName } from '@tailor/contracts';
import { BuildFailure } from '@tailor/image-builder';
import { Job, UnrecoverableError } from 'bullmq';
import { PinoLogger } from 'nestjs-pino';

import { type BuildsConfig, buildsConfig } from '../config/factory-config.groups';
import { BuildOutcome, ImageBuildService } from './image-build.service';

/** Thin worker of the image-build queue: validates the payload and delegates to ImageBuildService. */
@Processor(QueueName.ImageBuild)
export class ImageBuildProcessor extends WorkerHost implements OnModuleInit {
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

  async process(job: Job): Promise<BuildOutcome> {
    if (job.name !== (JobName.BuildImage as string)) throw new UnrecoverableError(`no handler for job ${job.name}`);
    const payload = BuildImageJobSchema.safeParse(job.data);
    if (!payload.success) throw new UnrecoverableError(`bad ${JobName.BuildImage} payload: ${payload.error.message}`);
    try {
      return await this.builds.run(payload.data, {
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
