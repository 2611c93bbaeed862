import { Injectable } from '@nestjs/common';
import { InjectConfig } from '@tailor/config';
import { JobName, QueueName } from '@tailor/contracts';
import { InjectJobQueue, JobQueue } from '@tailor/messaging';
import { PinoLogger } from 'nestjs-pino';

import { type DataChangedConfig, dataChangedConfig } from '../config/ingest-config.groups';
import { dataChangedJobId } from './data-changed-job-id';

export interface ChangedEndpoint {
  applicationId: string;
  endpointId: string;
}

/**
 * Tells the predictor that endpoints got new data: a RefreshPrediction job per endpoint and window, delayed to the
 * window's end so that one prediction covers all the window's batches.
 */
@Injectable()
export class DataChangedNotifier {
  private readonly windowMs: number;

  constructor(
    @InjectJobQueue(QueueName.EndpointDataChanged) private readonly queue: JobQueue<QueueName.EndpointDataChanged>,
    @InjectConfig(dataChangedConfig) dataChanged: DataChangedConfig,
    private readonly logger: PinoLogger,
  ) {
    this.windowMs = dataChanged.windowMs;
  }

  async notify(endpoints: ChangedEndpoint[], now = Date.now()): Promise<void> {
    const windowStart = this.windowMs > 0 ? Math.floor(now / this.windowMs) * this.windowMs : now;
    const delay = this.windowMs > 0 ? windowStart + this.windowMs - now : 0;
    const changedAt = new Date(now).toISOString();
    await this.queue.addBulk(
      endpoints.map(({ applicationId, endpointId }) => ({
        name: JobName.RefreshPrediction,
        data: { applicationId, endpointId, changedAt },
        opts: { jobId: dataChangedJobId(applicationId, endpointId, windowStart), delay },
      })),
    );
  }

  /** For the request path: the batch is already durable, so a Redis outage is logged, never answered as a failure. */
  notifyInBackground(endpoints: ChangedEndpoint[]): void {
    this.notify(endpoints).catch((error: unknown) =>
      this.logger.warn({ err: error, endpoints: endpoints.length }, 'could not enqueue endpoint-data-changed jobs'),
    );
  }
}
