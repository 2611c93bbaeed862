import { Injectable } from '@nestjs/common';
import { trainRuntimeModel, type TrainingData, type TrainingOptions } from '@tailor/runtime-model';

/** The training step, a provider of its own so that tests can put a deliberately worse trainer in its place. */
@Injectable()
export class ModelTrainer {
  train(data: TrainingData, options: TrainingOptions): ReturnType<typeof trainRuntimeModel> {
    return trainRuntimeModel(data, options);
  }
}
