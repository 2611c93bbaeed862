import { Controller, UseInterceptors } from '@nestjs/common';
import { MessagePattern, Payload, RpcException } from '@nestjs/microservices';
import {
  MessagePattern as Pattern,
  ResolveImageReply,
  ResolveImageRequest,
  ResolveImageRequestSchema,
} from '@tailor/contracts';
import { RpcCorrelationInterceptor } from '@tailor/logging';
import { RpcPayloadPipe } from '@tailor/messaging';

import { ImageResolutionMetricsInterceptor } from '../metrics/image-resolution-metrics.interceptor';
import { ImageResolutionException } from './image-resolution.exception';
import { ImageResolutionService } from './image-resolution.service';

@Controller()
@UseInterceptors(RpcCorrelationInterceptor, ImageResolutionMetricsInterceptor)
export class ImageResolutionRpcController {
  constructor(private readonly resolution: ImageResolutionService) {}

  @MessagePattern(Pattern.ResolveImage)
  async resolve(
    @Payload(new RpcPayloadPipe(ResolveImageRequestSchema)) request: ResolveImageRequest,
  ): Promise<ResolveImageReply> {
    try {
      return await this.resolution.resolve(request);
    } catch (error) {
      if (error instanceof ImageResolutionException) throw new RpcException({ code: error.code, message: error.message });
      throw error;
    }
  }
}
