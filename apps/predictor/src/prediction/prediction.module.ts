import { Module } from '@nestjs/common';

import { PredictionRpcController } from './prediction-rpc.controller';
import { PredictionService } from './prediction.service';
import { ProfilesController } from './profiles.controller';
import { RuntimeProfileRepository } from './runtime-profile.repository';

@Module({
  controllers: [ProfilesController, PredictionRpcController],
  providers: [PredictionService, RuntimeProfileRepository],
})
export class PredictionModule {}
