import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { QueueName } from '@tailor/contracts';
import { queueRootModule, tunedJobQueueModule } from '@tailor/messaging';

import { DataDigestService } from '../builds/data-digests';
import { DependencyInstaller } from '../builds/dependency-installer';
import { ImageBuildQueue } from '../builds/image-build-queue';
import { ImageBuildProcessor } from '../builds/image-build.processor';
import { ImageBuildService } from '../builds/image-build.service';
import { ImageBuilder } from '../builds/image-builder';
import { EngineImages } from '../cache/engine-images';
import { ImageCacheService } from '../cache/image-cache.service';
import type { FactoryEnv } from '../config/factory-env.schema';
import { ImageResolutionRpcController } from './image-resolution-rpc.controller';
import { ImageResolutionService } from './image-resolution.service';
import { RuntimeImageRepository } from './runtime-image.repository';

@Module({
  imports: [
    queueRootModule(),
    tunedJobQueueModule(QueueName.ImageBuild, {
      inject: [ConfigService],
      useFactory: (config: ConfigService<FactoryEnv, true>) => ({
        attempts: config.get('IMAGE_BUILD_ATTEMPTS', { infer: true }),
        backoffMs: config.get('IMAGE_BUILD_BACKOFF_MS', { infer: true }),
      }),
    }),
  ],
  controllers: [ImageResolutionRpcController],
  providers: [
    ImageResolutionService,
    RuntimeImageRepository,
    EngineImages,
    ImageCacheService,
    ImageBuildQueue,
    ImageBuildService,
    DependencyInstaller,
    DataDigestService,
    ImageBuilder,
    ImageBuildProcessor,
  ],
  exports: [ImageResolutionService, ImageCacheService, ImageBuildService],
})
export class ImagesModule {}
