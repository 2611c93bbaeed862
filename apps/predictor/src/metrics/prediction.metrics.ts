import { Injectable } from '@nestjs/common';
import { MetricsRegistry } from '@tailor/platform';
import { Gauge, Histogram } from 'prom-client';

export interface ModelInUse {
  kind: string;
  version: number;
  /** held-out metrics of the model, e.g. { mae: 0.12 }; each becomes a tailor_model_metric series */
  metrics?: Record<string, number>;
}

/** The predictor's metrics: prediction latency by transport and source, and the model version in use. */
@Injectable()
export class PredictionMetrics {
  private readonly latency: Histogram<'transport' | 'source'>;
  private modelReader: (() => Promise<ModelInUse[]>) | null = null;

  constructor(registry: MetricsRegistry) {
    this.latency = new Histogram({
      name: 'tailor_prediction_duration_seconds',
      help: "Time to answer a profile prediction, by transport (http, rpc) and the profile's source (model, default)",
      labelNames: ['transport', 'source'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
      registers: [registry],
    });
    const reader = () => this.modelReader?.() ?? Promise.resolve([]);
    new Gauge({
      name: 'tailor_model_info',
      help: 'The model version in use (value 1), by kind and version',
      labelNames: ['kind', 'version'],
      registers: [registry],
      async collect() {
        this.reset();
        for (const model of await reader().catch(() => [])) this.set({ kind: model.kind, version: String(model.version) }, 1);
      },
    });
    new Gauge({
      name: 'tailor_model_metric',
      help: 'Held-out metrics of the model version in use',
      labelNames: ['kind', 'version', 'metric'],
      registers: [registry],
      async collect() {
        this.reset();
        for (const model of await reader().catch(() => [])) {
          for (const [metric, value] of Object.entries(model.metrics ?? {})) {
            if (Number.isFinite(value)) this.set({ kind: model.kind, version: String(model.version), metric }, value);
          }
        }
      },
    });
  }

  observePrediction(transport: 'http' | 'rpc', source: string, seconds: number): void {
    this.latency.observe({ transport, source }, seconds);
  }

  /** Where the model gauges read the model(s) in use at each scrape. */
  readModelsWith(reader: () => Promise<ModelInUse[]>): void {
    this.modelReader = reader;
  }
}
