import { Processor, WorkerHost } from '@nestjs/bullmq';
import { JobName, QueueName } from '@tailor/contracts';
import { jobHandlers } from '@tailor/messaging';
import { Job } from 'bullmq';

import { PredictionService } from './prediction.service';

/** Thin worker of the ingest's endpoint-data-changed queue: re-predicts the endpoint's profile (a new version if it changed). */
@Processor(QueueName.EndpointDataChanged)
export class RefreshPredictionProcessor extends WorkerHost {
  private readonly handle = jobHandlers(QueueName.EndpointDataChanged, {
    [JobName.RefreshPrediction]: async ({ applicationId, endpointId }) => {
      const reply = await this.prediction.predict(applicationId, endpointId);
      return { version: reply.version, source: reply.source };
    },
  });

  constructor(private readonly prediction: PredictionService) {
    super();
  }

  process(job: Job): Promise<{ version: number; source: string }> {
    return this.handle(job);
  }
}
