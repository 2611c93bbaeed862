import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { JobName, QueueName, RetrainModelJobSchema } from '@tailor/contracts';
import { Job, UnrecoverableError } from 'bullmq';
import { PinoLogger } from 'nestjs-pino';

import { RetrainResult, RetrainService } from './retrain.service';

/** Thin worker of the retrain queue (concurrency 1; the service's lease covers the other replicas). */
@Processor(QueueName.ModelRetrain, { concurrency: 1 })
export class RetrainProcessor extends WorkerHost {
  constructor(
    private readonly retrain: RetrainService,
    private readonly logger: PinoLogger,
  ) {
    super();
  }

  async process(job: Job): Promise<RetrainResult> {
    if (job.name !== (JobName.RetrainModel as string)) throw new UnrecoverableError(`no handler for job ${job.name}`);
    const payload = RetrainModelJobSchema.safeParse(job.data);
    if (!payload.success) throw new UnrecoverableError(`bad ${JobName.RetrainModel} payload: ${payload.error.message}`);
    return this.retrain.run(payload.data, (progress) => job.updateProgress({ ...progress }));
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job | undefined, error: Error): void {
    this.logger.error({ jobId: job?.id, err: error }, 'retrain failed');
  }
}
