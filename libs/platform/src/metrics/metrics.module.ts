import { DynamicModule, Global, Module, Provider, Type } from '@nestjs/common';

import { HttpMetrics } from './http.metrics';
import { MetricsController } from './metrics.controller';
import { MetricsRegistry } from './metrics-registry';
import { QueueMetrics } from './queue.metrics';

export interface MetricsModuleOptions {
  /** the app's name, the `app` label of every series */
  app: string;
  /** the app's domain metric helpers, e.g. [ProvisionMetrics]; injectable anywhere in the app */
  metrics?: Type<unknown>[];
}

/**
 * Prometheus metrics of one app at GET /metrics: Node's default metrics, HTTP requests, BullMQ queue depths and the
 * app's domain helpers, all in a registry of the app's own.
 */
@Global()
@Module({})
export class MetricsModule {
  static forRoot({ app, metrics = [] }: MetricsModuleOptions): DynamicModule {
    const providers: Provider[] = [
      { provide: MetricsRegistry, useFactory: () => new MetricsRegistry(app) },
      HttpMetrics,
      QueueMetrics,
      ...metrics,
    ];
    return {
      module: MetricsModule,
      controllers: [MetricsController],
      providers,
      exports: [MetricsRegistry, HttpMetrics, QueueMetrics, ...metrics],
    };
  }
}
