import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { APP_PIPE } from '@nestjs/core';
import { ConfigService } from '@nestjs/config';
import { configModuleFor } from '@tailor/config';
import { loggingModuleFor } from '@tailor/logging';
import { redisOptionsFromUrl } from '@tailor/messaging';
import { HealthModule, RedisModule } from '@tailor/platform';
import { PrismaModule } from '@tailor/prisma';
import { ZodValidationPipe } from 'nestjs-zod';

import { IngestEnv, IngestEnvSchema } from './config/ingest-env.schema';
import { IngestMetricsModule } from './metrics/ingest-metrics.module';
import { IngestModule } from './ingest/ingest.module';
import { RetentionModule } from './retention/retention.module';

@Module({
  imports: [
    configModuleFor(IngestEnvSchema),
    loggingModuleFor('profiler-ingest'),
    PrismaModule,
    RedisModule,
    BullModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<IngestEnv, true>) => ({
        connection: redisOptionsFromUrl(config.get('REDIS_URL', { infer: true })),
        prefix: config.get('TAILOR_NAMESPACE', { infer: true }),
      }),
    }),
    HealthModule.forProbes('postgres', 'redisServer'),
    IngestMetricsModule,
    IngestModule,
    RetentionModule,
  ],
  providers: [{ provide: APP_PIPE, useClass: ZodValidationPipe }],
})
export class AppModule {}
