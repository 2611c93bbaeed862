import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { MetricsModule } from '@tailor/platform';

import { IngestMetricsInterceptor } from './ingest-metrics.interceptor';
import { IngestRejectsListener } from './ingest-rejects.listener';
import { IngestMetrics } from './ingest.metrics';

/** GET /metrics of profiler-ingest: events and batches stored, rejects, queue depths. */
@Module({
  imports: [MetricsModule.forRoot({ app: 'profiler-ingest', metrics: [IngestMetrics] })],
  providers: [{ provide: APP_INTERCEPTOR, useClass: IngestMetricsInterceptor }, IngestRejectsListener],
})
export class IngestMetricsModule {}
