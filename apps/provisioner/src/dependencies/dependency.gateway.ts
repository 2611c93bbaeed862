import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { ClientProxy } from '@nestjs/microservices';
import { InjectConfig, rpcConfig, type RpcConfig } from '@tailor/config';
import {
  ForecastWarmPoolsReply,
  ForecastWarmPoolsReplySchema,
  MessagePattern,
  PredictProfileReply,
  PredictProfileReplySchema,
  PredictProfileRequest,
  ResolveImageReply,
  ResolveImageReplySchema,
  ResolveImageRequest,
} from '@tailor/contracts';
import { rpcRequest } from '@tailor/messaging';

import { InjectRpcClient } from './rpc-client.provider';

/** The provisioner's view of the predictor and the runtime-factory: typed requests over Redis, bounded in time. */
@Injectable()
export class DependencyGateway implements OnApplicationShutdown {
  private readonly timeoutMs: number;

  constructor(
    @InjectRpcClient() private readonly client: ClientProxy,
    @InjectConfig(rpcConfig) rpc: RpcConfig,
  ) {
    this.timeoutMs = rpc.timeoutMs;
  }

  /** The predictor's profile for an endpoint, waited for at most `timeoutMs` (DEPENDENCY_TIMEOUT_MS by default). */
  predictProfile(request: PredictProfileRequest, timeoutMs = this.timeoutMs): Promise<PredictProfileReply> {
    return rpcRequest(this.client, {
      dependency: 'predictor',
      pattern: MessagePattern.PredictProfile,
      payload: request,
      replySchema: PredictProfileReplySchema,
      timeoutMs,
    });
  }

  resolveImage(request: ResolveImageRequest): Promise<ResolveImageReply> {
    return rpcRequest(this.client, {
      dependency: 'runtime-factory',
      pattern: MessagePattern.ResolveImage,
      payload: request,
      replySchema: ResolveImageReplySchema,
      timeoutMs: this.timeoutMs,
    });
  }

  /** The predictor's per-minute invocation probabilities of every active endpoint (for sizing the warm pools). */
  forecastWarmPools(correlationId: string, horizonMinutes: number): Promise<ForecastWarmPoolsReply> {
    return rpcRequest(this.client, {
      dependency: 'predictor',
      pattern: MessagePattern.ForecastWarmPools,
      payload: { correlationId, horizonMinutes },
      replySchema: ForecastWarmPoolsReplySchema,
      timeoutMs: this.timeoutMs,
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client.close();
  }
}
