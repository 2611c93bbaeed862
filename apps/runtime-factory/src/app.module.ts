import { Module } from '@nestjs/common';
import { APP_PIPE } from '@nestjs/core';
import { configModuleFor } from '@tailor/config';
import { loggingModuleFor } from '@tailor/logging';
import { RedisModule } from '@tailor/platform';
import { PrismaModule } from '@tailor/prisma';
import { dockerConfig, DockerModule } from '@tailor/docker';
import { ZodValidationPipe } from 'nestjs-zod';

import { FactoryEnvSchema } from './config/factory-env.schema';
import { HealthModule } from './health/health.module';
import { FactoryMetricsModule } from './metrics/factory-metrics.module';
import { ImagesModule } from './images/images.module';

@Module({
  imports: [
    configModuleFor(FactoryEnvSchema, [dockerConfig]),
    loggingModuleFor('runtime-factory'),
    PrismaModule,
    RedisModule,
    DockerModule,
    HealthModule,
    FactoryMetricsModule,
    ImagesModule,
  ],
  providers: [{ provide: APP_PIPE, useClass: ZodValidationPipe }],
})
export class AppModule {}
