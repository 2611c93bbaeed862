import { Module } from '@nestjs/common';
import { QueueName } from '@tailor/contracts';
import { queueRootModule, tunedJobQueueModule } from '@tailor/messaging';

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
    queueRootModule(),
    tunedJobQueueModule(QueueName.ImageBuild, {
      inject: [buildsConfig.token],
      useFactory: (builds: BuildsConfig) => ({
        attempts: builds.attempts,
        backoffMs: builds.backoffMs,
      }),
    }),
  ],
  providers: [ImageBuildQueue, ImageBuildService, ImageBuildProcessor, ...IMAGE_BUILDER_PROVIDERS],
  exports: [ImageBuildQueue, ImageBuildService],
})
export class BuildsModule {}
