import { Injectable, Module, OnModuleInit } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { MetricsModule, ProvisionMetrics } from '@tailor/platform';

import { ProvisionMetricsInterceptor } from './provision-metrics.interceptor';
import { WarmPoolStateRepository } from './warm-pool-state.repository';

@Injectable()
class WarmPoolGaugesSource implements OnModuleInit {
  constructor(
    private readonly metrics: ProvisionMetrics,
    private readonly pools: WarmPoolStateRepository,
  ) {}

  onModuleInit(): void {
    this.metrics.readPoolsWith(() => this.pools.idleByEndpoint());
  }
}

/** GET /metrics of the provisioner: provisions by path, warm/cold counters, failures, warm pools, HTTP, queues. */
@Module({
  imports: [MetricsModule.forRoot({ app: 'provisioner', metrics: [ProvisionMetrics] })],
  providers: [{ provide: APP_INTERCEPTOR, useClass: ProvisionMetricsInterceptor }, WarmPoolStateRepository, WarmPoolGaugesSource],
})
export class ProvisionerMetricsModule {}
