import { Injectable, Module, OnModuleInit } from '@nestjs/common';
import { MetricsModule } from '@tailor/platform';

import { WarmPoolStateRepository } from './warm-pool-state.repository';
import { ProvisionMetrics } from './provision.metrics';

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

/**
 * GET /metrics of the provisioner: provisions by path, warm/cold counters, failures (ProvisioningService records them:
 * an interceptor would cost every provision an rxjs pipeline), warm pools, HTTP, queues.
 */
@Module({
  imports: [MetricsModule.forRoot({ app: 'provisioner', metrics: [ProvisionMetrics] })],
  providers: [WarmPoolStateRepository, WarmPoolGaugesSource],
  exports: [MetricsModule],
})
export class ProvisionerMetricsModule {}
