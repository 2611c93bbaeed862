import { Module } from '@nestjs/common';
import { QueueName } from '@tailor/contracts';
import { jobQueueModule } from '@tailor/messaging';

import { ModelsModule } from '../models/models.module';
import { ModelTrainer } from './model-trainer';
import { ModelsController } from './models.controller';
import { ModelsService } from './models.service';
import { RetrainLock } from './retrain-lock';
import { RetrainQueue } from './retrain-queue';
import { RetrainProcessor } from './retrain.processor';
import { RetrainService } from './retrain.service';

@Module({
  imports: [
    ModelsModule,
    jobQueueModule(QueueName.ModelRetrain),
  ],
  controllers: [ModelsController],
  providers: [ModelsService, RetrainQueue, RetrainService, RetrainProcessor, RetrainLock, ModelTrainer],
})
export class TrainingModule {}
