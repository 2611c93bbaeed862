import { Module } from '@nestjs/common';

import { ModelsModule } from '../models/models.module';
import { ArrivalStateService } from './arrival-state.service';
import { ForecastRpcController } from './forecast-rpc.controller';
import { ForecastService } from './forecast.service';

@Module({
  imports: [ModelsModule],
  controllers: [ForecastRpcController],
  providers: [ForecastService, ArrivalStateService],
  exports: [ForecastService],
})
export class ForecastModule {}
