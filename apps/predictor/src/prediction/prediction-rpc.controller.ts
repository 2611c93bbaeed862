import { Controller, UseInterceptors } from '@nestjs/common';
import { MessagePattern as Pattern, PredictProfileReply, PredictProfileRequest } from '@tailor/contracts';
import { RpcCorrelationInterceptor } from '@tailor/logging';
import { RpcHandler } from '@tailor/messaging';

import { PredictionRpcMetricsInterceptor } from '../metrics/prediction-metrics.interceptor';
import { PredictionService } from './prediction.service';

@Controller()
@UseInterceptors(RpcCorrelationInterceptor, PredictionRpcMetricsInterceptor)
export class PredictionRpcController {
  constructor(private readonly prediction: PredictionService) {}

  @RpcHandler(Pattern.PredictProfile)
  predict(request: PredictProfileRequest): Promise<PredictProfileReply> {
    return this.prediction.predict(request.applicationId, request.endpointId);
  }
}
