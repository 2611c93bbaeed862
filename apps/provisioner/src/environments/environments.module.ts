import { Module } from '@nestjs/common';

import { EnginesModule } from '../engines/engines.module';
import { InvocationService } from '../invocations/invocation.service';
import { InvocationsController } from '../invocations/invocations.controller';
import { ProvisionerMetricsModule } from '../metrics/provisioner-metrics.module';
import { PoolsModule } from '../pools/pools.module';
import { ResolutionModule } from '../resolution/resolution.module';
import { EnvironmentRepository } from './environment.repository';
import { EnvironmentsController } from './environments.controller';
import { ProvisioningService } from './provisioning.service';

@Module({
  imports: [ResolutionModule, PoolsModule, EnginesModule, ProvisionerMetricsModule],
  controllers: [EnvironmentsController, InvocationsController],
  providers: [ProvisioningService, EnvironmentRepository, InvocationService],
  exports: [ProvisioningService, EnvironmentRepository],
})
export class EnvironmentsModule {}
