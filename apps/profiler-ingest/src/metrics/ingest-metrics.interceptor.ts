import { Injectable } from '@nestjs/common';
import { HandlerMetricsInterceptor, type HandlerObserver } from '@tailor/platform';

import type { BatchReceiptDto } from '../ingest/dto/profiling-batch.dto';
import { IngestController } from '../ingest/ingest.controller';
import { IngestMetrics } from './ingest.metrics';

/** Events and batches stored, read from the receipts of POST /v1/profiles. */
@Injectable()
export class IngestMetricsInterceptor extends HandlerMetricsInterceptor {
  constructor(private readonly metrics: IngestMetrics) {
    super();
  }

  protected observers(): HandlerObserver[] {
    return [
      {
        handler: IngestController.prototype.ingest,
        onSuccess: (receipt) => {
          const { accepted, duplicate } = receipt as BatchReceiptDto;
          this.metrics.observeBatch(accepted, duplicate);
        },
      },
    ];
  }
}
