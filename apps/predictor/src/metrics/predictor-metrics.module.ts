import { Injectable, Module, OnModuleInit } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { MetricsModule } from '@tailor/platform';

import { ModelInUseRepository } from './model-in-use.repository';
import { PredictionMetricsInterceptor } from './prediction-metrics.interceptor';
import { PredictionMetrics } from './prediction.metrics';

@Injectable()
class ModelGaugesSource implements OnModuleInit {
  constructor(
    private readonly metrics: PredictionMetrics,
    private readonly models: ModelInUseRepository,
  ) {}

  onModuleInit(): void {
    this.metrics.readModelsWith(() => this.models.findChampions());
  }
}

/** GET /metrics of the predictor: prediction latency, the model version in use and its metrics, queue depths. */
@Module({
  imports: [MetricsModule.forRoot({ app: 'predictor', metrics: [PredictionMetrics] })],
  providers: [
    { provide: APP_INTERCEPTOR, useClass: PredictionMetricsInterceptor },
    ModelInUseRepository,
    ModelGaugesSource,
  ],
})
export class PredictorMetricsModule {}
