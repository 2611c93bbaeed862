import { Module } from '@nestjs/common';
import { APP_PIPE } from '@nestjs/core';
import { configModuleFor } from '@tailor/config';
import { loggingModuleFor } from '@tailor/logging';
import { queueRootModule } from '@tailor/messaging';
import { HealthModule, RedisModule } from '@tailor/platform';
import { PrismaModule } from '@tailor/prisma';
import { ZodValidationPipe } from 'nestjs-zod';

import { PREDICTOR_CONFIG_GROUPS } from './config/predictor-config.groups';
import { PredictorEnvSchema } from './config/predictor-env.schema';
import { ForecastModule } from './forecast/forecast.module';
import { PredictorMetricsModule } from './metrics/predictor-metrics.module';
import { PredictionModule } from './prediction/prediction.module';
import { TrainingModule } from './training/training.module';

@Module({
  imports: [
    configModuleFor(PredictorEnvSchema, PREDICTOR_CONFIG_GROUPS),
    loggingModuleFor('predictor'),
    PrismaModule,
    RedisModule,
    queueRootModule(),
    HealthModule.forProbes('postgres', 'redisServer'),
    PredictorMetricsModule,
    PredictionModule,
    ForecastModule,
    TrainingModule,
  ],
  providers: [{ provide: APP_PIPE, useClass: ZodValidationPipe }],
})
export class AppModule {}
