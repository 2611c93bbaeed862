import { Injectable } from '@nestjs/common';
import { MetricsRegistry } from '@tailor/platform';
import { Counter } from 'prom-client';

/** profiler-ingest's metrics: the rate of events and batches stored, and what it refused. */
@Injectable()
export class IngestMetrics {
  private readonly events: Counter;
  private readonly batches: Counter<'result'>;
  private readonly rejects: Counter<'reason'>;

  constructor(registry: MetricsRegistry) {
    const registers = [registry];
    this.events = new Counter({ name: 'tailor_ingest_events_total', help: 'Profiling events stored', registers });
    this.batches = new Counter({
      name: 'tailor_ingest_batches_total',
      help: 'Profiling batches acknowledged, by result (stored, duplicate)',
      labelNames: ['result'],
      registers,
    });
    this.rejects = new Counter({
      name: 'tailor_ingest_rejects_total',
      help: 'Profiling batches refused, by reason (HTTP status: 400 invalid, 413 too large, 415 not JSON, ...)',
      labelNames: ['reason'],
      registers,
    });
  }

  observeBatch(accepted: number, duplicate: boolean): void {
    this.batches.inc({ result: duplicate ? 'duplicate' : 'stored' });
    if (!duplicate) this.events.inc(accepted);
  }

  observeReject(reason: string): void {
    this.rejects.inc({ reason });
  }
}
