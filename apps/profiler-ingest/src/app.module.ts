import { Module } from '@nestjs/common';
import { APP_PIPE } from '@nestjs/core';
import { configModuleFor } from '@tailor/config';
import { loggingModuleFor } from '@tailor/logging';
import { queueRootModule } from '@tailor/messaging';
import { HealthModule, RedisModule } from '@tailor/platform';
import { PrismaModule } from '@tailor/prisma';
import { ZodValidationPipe } from 'nestjs-zod';

import { INGEST_CONFIG_GROUPS } from './config/ingest-config.groups';
import { IngestEnvSchema } from './config/ingest-env.schema';
import { IngestMetricsModule } from './metrics/ingest-metrics.module';
import { IngestModule } from './ingest/ingest.module';
import { RetentionModule } from './retention/retention.module';

@Module({
  imports: [
    configModuleFor(IngestEnvSchema, INGEST_CONFIG_GROUPS),
    loggingModuleFor('profiler-ingest'),
    PrismaModule,
    RedisModule,
    queueRootModule(),
    HealthModule.forProbes('postgres', 'redisServer'),
    IngestMetricsModule,
    IngestModule,
    RetentionModule,
  ],
  providers: [{ provide: APP_PIPE, useClass: ZodValidationPipe }],
})
export class AppModule {}
