import { Module } from '@nestjs/common';

import { EnginesModule } from '../engines/engines.module';
import { EnvironmentsModule } from '../environments/environments.module';
import { PoolsModule } from '../pools/pools.module';
import { EngineEvents } from './engine-events.service';
import { MaintenanceScheduler } from './maintenance.scheduler';
import { StartupReconciliation } from './startup-reconciliation.service';

@Module({
  imports: [EnginesModule, PoolsModule, EnvironmentsModule],
  providers: [StartupReconciliation, EngineEvents, MaintenanceScheduler],
  exports: [MaintenanceScheduler, EngineEvents],
})
export class LifecycleModule {}
