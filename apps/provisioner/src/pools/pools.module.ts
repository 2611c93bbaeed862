import { Module } from '@nestjs/common';

import { EnginesModule } from '../engines/engines.module';
import { ResolutionModule } from '../resolution/resolution.module';
import { ArrivalCounter } from './arrival-counter';
import { PolicyClock } from './policy-clock';
import { PoolContainerRepository } from './pool-container.repository';
import { PoolReconciler } from './pool-reconciler.service';
import { PoolsController } from './pools.controller';
import { ReconcileLease } from './reconcile-lease';
import { WarmPoolRepository } from './warm-pool.repository';
import { WarmPoolService } from './warm-pool.service';

@Module({
  imports: [EnginesModule, ResolutionModule],
  controllers: [PoolsController],
  providers: [PoolContainerRepository, WarmPoolRepository, WarmPoolService, ArrivalCounter, ReconcileLease, PoolReconciler, PolicyClock],
  exports: [PoolContainerRepository, WarmPoolService, ArrivalCounter, ReconcileLease, PoolReconciler, PolicyClock],
})
export class PoolsModule {}
