import { Module } from '@nestjs/common';

import { EnginesModule } from '../engines/engines.module';
import { FeedbackModule } from '../feedback/feedback.module';
import { ProvisionerMetricsModule } from '../metrics/provisioner-metrics.module';
import { PoolsModule } from '../pools/pools.module';
import { ResolutionModule } from '../resolution/resolution.module';
import { EnvironmentRepository } from './environment.repository';
import { EnvironmentsController } from './environments.controller';
import { ProvisioningService } from './provisioning.service';

@Module({
  imports: [ResolutionModule, PoolsModule, EnginesModule, ProvisionerMetricsModule, FeedbackModule],
  controllers: [EnvironmentsController],
  providers: [ProvisioningService, EnvironmentRepository],
  exports: [ProvisioningService, EnvironmentRepository],
})
export class EnvironmentsModule {}
