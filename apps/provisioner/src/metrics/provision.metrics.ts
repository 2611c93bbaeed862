import { Injectable } from '@nestjs/common';
import { MetricsRegistry } from '@tailor/platform';
import { Counter, Gauge, Histogram } from 'prom-client';

/** How a provision was served; the values of the Environment's `path` (contracts' ProvisionPathSchema). */
export type ProvisionPathLabel = 'warm_hit' | 'cold_specialized' | 'cold_fallback';

export interface WarmPoolGauge {
  applicationId: string;
  endpointId: string;
  /** idle containers ready to be handed out */
  size: number;
  /** memory reserved by those idle containers (their limits), in bytes */
  idleMemoryBytes: number;
}

/** The provisioner's metrics: provision latency by path, warm/cold counters, failures, warm pool sizes. */
@Injectable()
export class ProvisionMetrics {
  private readonly latency: Histogram<'path'>;
  private readonly provisions: Counter<'path' | 'outcome'>;
  private readonly failures: Counter<'code'>;
  private poolReader: (() => Promise<WarmPoolGauge[]>) | null = null;
  private lastPools: Promise<WarmPoolGauge[] | null> | null = null;

  constructor(registry: MetricsRegistry) {
    const registers = [registry];
    this.latency = new Histogram({
      name: 'tailor_provision_duration_seconds',
      help: 'Time from POST /provision to a ready runtime, by path taken (warm_hit, cold_specialized, cold_fallback)',
      labelNames: ['path'],
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30],
      registers,
    });
    this.provisions = new Counter({
      name: 'tailor_provisions_total',
      help: 'Environments provisioned, by path and outcome (warm: from a warm pool; cold: a container started for the request)',
      labelNames: ['path', 'outcome'],
      registers,
    });
    this.failures = new Counter({
      name: 'tailor_provision_failures_total',
      help: 'Provisions that failed, by error code',
      labelNames: ['code'],
      registers,
    });
    const pools = (): Promise<WarmPoolGauge[] | null> => (this.lastPools ??= this.readPools());
    new Gauge({
      name: 'tailor_warm_pool_size',
      help: 'Idle warm containers per endpoint',
      labelNames: ['application', 'endpoint'],
      registers,
      async collect() {
        this.reset();
        for (const pool of (await pools()) ?? []) this.set({ application: pool.applicationId, endpoint: pool.endpointId }, pool.size);
      },
    });
    new Gauge({
      name: 'tailor_warm_pool_idle_memory_bytes',
      help: 'Memory reserved (limits) by idle warm containers per endpoint',
      labelNames: ['application', 'endpoint'],
      registers,
      async collect() {
        this.reset();
        for (const pool of (await pools()) ?? []) {
          this.set({ application: pool.applicationId, endpoint: pool.endpointId }, pool.idleMemoryBytes);
        }
      },
    });
  }

  /** One successful provision: its latency and the warm/cold counter. */
  observeProvision(path: ProvisionPathLabel, seconds: number): void {
    this.latency.observe({ path }, seconds);
    this.provisions.inc({ path, outcome: path === 'warm_hit' ? 'warm' : 'cold' });
  }

  observeFailure(code: string): void {
    this.failures.inc({ code });
  }

  /** Where the pool gauges read the warm pools at each scrape. */
  readPoolsWith(reader: () => Promise<WarmPoolGauge[]>): void {
    this.poolReader = reader;
  }

  private async readPools(): Promise<WarmPoolGauge[] | null> {
    try {
      return (await this.poolReader?.()) ?? null;
    } catch {
      return null;
    } finally {
      setImmediate(() => (this.lastPools = null));
    }
  }
}
