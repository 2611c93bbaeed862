import { Controller, UseInterceptors } from '@nestjs/common';
import { RpcException } from '@nestjs/microservices';
import { MessagePattern as Pattern, ResolveImageReply, ResolveImageRequest } from '@tailor/contracts';
import { RpcCorrelationInterceptor } from '@tailor/logging';
import { RpcHandler } from '@tailor/messaging';

import { ImageResolutionMetricsInterceptor } from '../metrics/image-resolution-metrics.interceptor';
import { ImageResolutionException } from './image-resolution.exception';
import { ImageResolutionService } from './image-resolution.service';

@Controller()
@UseInterceptors(RpcCorrelationInterceptor, ImageResolutionMetricsInterceptor)
export class ImageResolutionRpcController {
  constructor(private readonly resolution: ImageResolutionService) {}

  @RpcHandler(Pattern.ResolveImage)
  async resolve(request: ResolveImageRequest): Promise<ResolveImageReply> {
    try {
      return await this.resolution.resolve(request);
    } catch (error) {
      if (error instanceof ImageResolutionException) throw new RpcException({ code: error.code, message: error.message });
      throw error;
    }
  }
}
