import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { QueueName } from '@tailor/contracts';
import { redisOptionsFromUrl } from '@tailor/messaging';

import { CacheModule } from '../cache/cache.module';
import type { FactoryEnv } from '../config/factory-env.schema';
import { ImagesModule } from '../images/images.module';
import { ImageBuildQueue } from './image-build-queue';
import { ImageBuildProcessor } from './image-build.processor';
import { ImageBuildService } from './image-build.service';
import { IMAGE_BUILDER_PROVIDERS } from './image-builder.providers';

/** The image-build queue: builds enqueued (one job per profile hash) and run by this process's worker. */
@Module({
  imports: [
    ImagesModule,
    CacheModule,
    BullModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<FactoryEnv, true>) => ({
        connection: redisOptionsFromUrl(config.get('REDIS_URL', { infer: true })),
        prefix: config.get('TAILOR_NAMESPACE', { infer: true }),
      }),
    }),
    BullModule.registerQueueAsync({
      name: QueueName.ImageBuild,
      inject: [ConfigService],
      // the default options of every build job, in one place
      useFactory: (config: ConfigService<FactoryEnv, true>) => ({
        defaultJobOptions: {
          attempts: config.get('IMAGE_BUILD_ATTEMPTS', { infer: true }),
          backoff: { type: 'exponential', delay: config.get('IMAGE_BUILD_BACKOFF_MS', { infer: true }) },
          removeOnComplete: true,
          removeOnFail: { age: 7 * 24 * 3600, count: 1000 },
        },
      }),
    }),
  ],
  providers: [ImageBuildQueue, ImageBuildService, ImageBuildProcessor, ...IMAGE_BUILDER_PROVIDERS],
  exports: [ImageBuildQueue, ImageBuildService],
})
export class BuildsModule {}
