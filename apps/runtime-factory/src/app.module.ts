import { Module } from '@nestjs/common';
import { APP_PIPE } from '@nestjs/core';
import { configModuleFor } from '@tailor/config';
import { loggingModuleFor } from '@tailor/logging';
import { HealthModule, RedisModule } from '@tailor/platform';
import { PrismaModule } from '@tailor/prisma';
import { dockerConfig, DockerModule } from '@tailor/docker';
import { ZodValidationPipe } from 'nestjs-zod';

import { BuildsModule } from './builds/builds.module';
import { CacheModule } from './cache/cache.module';
import { FACTORY_CONFIG_GROUPS } from './config/factory-config.groups';
import { FactoryEnvSchema } from './config/factory-env.schema';
import { ImagesModule } from './images/images.module';
import { FactoryMetricsModule } from './metrics/factory-metrics.module';
import { ResolutionModule } from './resolution/resolution.module';

@Module({
  imports: [
    configModuleFor(FactoryEnvSchema, [dockerConfig, ...FACTORY_CONFIG_GROUPS]),
    loggingModuleFor('runtime-factory'),
    PrismaModule,
    RedisModule,
    DockerModule,
    HealthModule.forProbes('postgres', 'redisServer', 'dockerEngine'),
    FactoryMetricsModule,
    ImagesModule,
    CacheModule,
    BuildsModule,
    ResolutionModule,
  ],
  providers: [{ provide: APP_PIPE, useClass: ZodValidationPipe }],
})
export class AppModule {}
