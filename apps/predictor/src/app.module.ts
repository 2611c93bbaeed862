import { Module } from '@nestjs/common';
import { APP_PIPE } from '@nestjs/core';
import { configModuleFor } from '@tailor/config';
import { loggingModuleFor } from '@tailor/logging';
import { RedisModule } from '@tailor/platform';
import { PrismaModule } from '@tailor/prisma';
import { ZodValidationPipe } from 'nestjs-zod';

import { PredictorEnvSchema } from './config/predictor-env.schema';
import { HealthModule } from './health/health.module';
import { PredictionModule } from './prediction/prediction.module';

@Module({
  imports: [
    configModuleFor(PredictorEnvSchema),
    loggingModuleFor('predictor'),
    PrismaModule,
    RedisModule,
    HealthModule,
    PredictionModule,
  ],
  providers: [{ provide: APP_PIPE, useClass: ZodValidationPipe }],
})
export class AppModule {}
