import { Controller, UseInterceptors } from '@nestjs/common';
import { ForecastWarmPoolsReply, ForecastWarmPoolsRequest, MessagePattern as Pattern } from '@tailor/contracts';
import { RpcCorrelationInterceptor } from '@tailor/logging';
import { RpcHandler } from '@tailor/messaging';

import { ForecastService } from './forecast.service';

@Controller()
@UseInterceptors(RpcCorrelationInterceptor)
export class ForecastRpcController {
  constructor(private readonly forecasts: ForecastService) {}

  @RpcHandler(Pattern.ForecastWarmPools)
  forecast(request: ForecastWarmPoolsRequest): Promise<ForecastWarmPoolsReply> {
    return this.forecasts.forecast(request.horizonMinutes);
  }
}
