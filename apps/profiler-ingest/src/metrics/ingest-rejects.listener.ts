import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpMetrics } from '@tailor/platform';

import { IngestMetrics } from './ingest.metrics';

const INGEST_ROUTE = '/v1/profiles';

/** Counts the batches POST /v1/profiles refused, by status, including those the body rules refuse before routing. */
@Injectable()
export class IngestRejectsListener implements OnModuleInit {
  constructor(
    private readonly http: HttpMetrics,
    private readonly metrics: IngestMetrics,
  ) {}

  onModuleInit(): void {
    this.http.onAnswered(({ method, route, status }) => {
      if (method === 'POST' && route === INGEST_ROUTE && status >= 400 && status < 500) {
        this.metrics.observeReject(String(status));
      }
    });
  }
}
