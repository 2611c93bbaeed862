import { Module } from '@nestjs/common';

import { DataDigestService } from './data-digests';
import { EngineImages } from './engine-images';
import { RuntimeImageRepository } from './runtime-image.repository';

/**
 * The core every other room of the factory sits on: the image table (runtime_images), what the Docker engine holds, and
 * the digests of the data files that are part of an image's content hash.
 */
@Module({
  providers: [RuntimeImageRepository, EngineImages, DataDigestService],
  exports: [RuntimeImageRepository, EngineImages, DataDigestService],
})
export class ImagesModule {}
