import { Module } from '@nestjs/common';

import { ImageResolutionRpcController } from './image-resolution-rpc.controller';
import { ImageResolutionService } from './image-resolution.service';
import { RuntimeImageRepository } from './runtime-image.repository';

@Module({
  controllers: [ImageResolutionRpcController],
  providers: [ImageResolutionService, RuntimeImageRepository],
})
export class ImagesModule {}
