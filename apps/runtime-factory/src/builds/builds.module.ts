import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { namespaceConfig, type RedisConfig, redisConfig } from '@tailor/config';
import { QueueName } from '@tailor/contracts';
import { redisOptionsFromUrl } from '@tailor/messaging';

import { CacheModule } from '../cache/cache.module';
import { type BuildsConfig, buildsConfig } from '../config/factory-config.groups';
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
      inject: [redisConfig.token, namespaceConfig.token],
      useFactory: (redis: RedisConfig, namespace: string) => ({
        connection: redisOptionsFromUrl(redis.url),
        prefix: namespace,
      }),
    }),
    BullModule.registerQueueAsync({
      name: QueueName.ImageBuild,
      inject: [buildsConfig.token],
      // the default options of every build job, in one place
      useFactory: (builds: BuildsConfig) => ({
        defaultJobOptions: {
          attempts: builds.attempts,
          backoff: { type: 'exponential', delay: builds.backoffMs },
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
