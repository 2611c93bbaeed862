import { Module } from '@nestjs/common';

import { BuildsModule } from '../builds/builds.module';
import { ImagesModule } from '../images/images.module';
import { ImageResolutionRpcController } from './image-resolution-rpc.controller';
import { ImageResolutionService } from './image-resolution.service';

/** The image to run a profile on (exact, covering or base), answered over Redis RPC; a missing image is enqueued. */
@Module({
  imports: [ImagesModule, BuildsModule],
  controllers: [ImageResolutionRpcController],
  providers: [ImageResolutionService],
  exports: [ImageResolutionService],
})
export class ResolutionModule {}
