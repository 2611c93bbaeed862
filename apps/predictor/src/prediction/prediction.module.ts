import { Module } from '@nestjs/common';
import { QueueName } from '@tailor/contracts';
import { jobQueueModule } from '@tailor/messaging';

import { ModelsModule } from '../models/models.module';
import { PredictionRpcController } from './prediction-rpc.controller';
import { PredictionService } from './prediction.service';
import { ProfilesController } from './profiles.controller';
import { RefreshPredictionProcessor } from './refresh-prediction.processor';
import { RuntimeProfileRepository } from './runtime-profile.repository';

@Module({
  imports: [ModelsModule, jobQueueModule(QueueName.EndpointDataChanged)],
  controllers: [ProfilesController, PredictionRpcController],
  providers: [PredictionService, RuntimeProfileRepository, RefreshPredictionProcessor],
})
export class PredictionModule {}
