import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { QueueName } from '@tailor/contracts';

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
    BullModule.registerQueue({
      name: QueueName.ModelRetrain,
      // the default options of every retrain job, in one place: no retry (the next night retrains anyway), kept a day
      defaultJobOptions: { attempts: 1, removeOnComplete: { age: 24 * 3600, count: 100 }, removeOnFail: { age: 7 * 24 * 3600, count: 100 } },
    }),
  ],
  controllers: [ModelsController],
  providers: [ModelsService, RetrainQueue, RetrainService, RetrainProcessor, RetrainLock, ModelTrainer],
})
export class TrainingModule {}
