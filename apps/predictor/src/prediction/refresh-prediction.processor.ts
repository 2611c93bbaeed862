import { Processor, WorkerHost } from '@nestjs/bullmq';
import { JobName, QueueName, RefreshPredictionJobSchema } from '@tailor/contracts';
import { Job, UnrecoverableError } from 'bullmq';

import { PredictionService } from './prediction.service';

/** Thin worker of the ingest's endpoint-data-changed queue: re-predicts the endpoint's profile (a new version if it changed). */
@Processor(QueueName.EndpointDataChanged)
export class RefreshPredictionProcessor extends WorkerHost {
  constructor(private readonly prediction: PredictionService) {
    super();
  }

  async process(job: Job): Promise<{ version: number; source: string }> {
    if (job.name !== (JobName.RefreshPrediction as string)) throw new UnrecoverableError(`no handler for job ${job.name}`);
    const payload = RefreshPredictionJobSchema.safeParse(job.data);
    if (!payload.success) throw new UnrecoverableError(`bad ${JobName.RefreshPrediction} payload: ${payload.error.message}`);
    const reply = await this.prediction.predict(payload.data.applicationId, payload.data.endpointId);
    return { version: reply.version, source: reply.source };
  }
}
