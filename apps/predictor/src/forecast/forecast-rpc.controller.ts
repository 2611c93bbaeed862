import { Controller, UseInterceptors } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ForecastWarmPoolsReply, ForecastWarmPoolsRequest, ForecastWarmPoolsRequestSchema, MessagePattern as Pattern } from '@tailor/contracts';
import { RpcCorrelationInterceptor } from '@tailor/logging';
import { RpcPayloadPipe } from '@tailor/messaging';

import { ForecastService } from './forecast.service';

@Controller()
@UseInterceptors(RpcCorrelationInterceptor)
export class ForecastRpcController {
  constructor(private readonly forecasts: ForecastService) {}

  @MessagePattern(Pattern.ForecastWarmPools)
  forecast(@Payload(new RpcPayloadPipe(ForecastWarmPoolsRequestSchema)) request: ForecastWarmPoolsRequest): Promise<ForecastWarmPoolsReply> {
    return this.forecasts.forecast(request.horizonMinutes);
  }
}
