import { Controller, UseInterceptors } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { MessagePattern as Pattern, PredictProfileReply, PredictProfileRequest, PredictProfileRequestSchema } from '@tailor/contracts';
import { RpcCorrelationInterceptor } from '@tailor/logging';
import { RpcPayloadPipe } from '@tailor/messaging';

import { PredictionRpcMetricsInterceptor } from '../metrics/prediction-metrics.interceptor';
import { PredictionService } from './prediction.service';

@Controller()
@UseInterceptors(RpcCorrelationInterceptor, PredictionRpcMetricsInterceptor)
export class PredictionRpcController {
  constructor(private readonly prediction: PredictionService) {}

  @MessagePattern(Pattern.PredictProfile)
  predict(@Payload(new RpcPayloadPipe(PredictProfileRequestSchema)) request: PredictProfileRequest): Promise<PredictProfileReply> {
    return this.prediction.predict(request.applicationId, request.endpointId);
  }
}
