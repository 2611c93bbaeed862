import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { JobName, QueueName } from '@tailor/contracts';
import { jobHandlers } from '@tailor/messaging';
import { Job } from 'bullmq';
import { PinoLogger } from 'nestjs-pino';

import { RetrainResult, RetrainService } from './retrain.service';

/** Thin worker of the retrain queue (concurrency 1; the service's lease covers the other replicas). */
@Processor(QueueName.ModelRetrain, { concurrency: 1 })
export class RetrainProcessor extends WorkerHost {
  private readonly handle = jobHandlers(QueueName.ModelRetrain, {
    [JobName.RetrainModel]: (data, job): Promise<RetrainResult> =>
      this.retrain.run(data, (progress) => job.updateProgress({ ...progress })),
  });

  constructor(
    private readonly retrain: RetrainService,
    private readonly logger: PinoLogger,
  ) {
    super();
  }

  process(job: Job): Promise<RetrainResult> {
    return this.handle(job);
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job | undefined, error: Error): void {
    this.logger.error({ jobId: job?.id, err: error }, 'retrain failed');
  }
}
