import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { ClientProxy } from '@nestjs/microservices';
import { InjectConfig, rpcConfig, type RpcConfig } from '@tailor/config';
import {
  ForecastWarmPoolsReply,
  MessagePattern,
  PredictProfileReply,
  PredictProfileRequest,
  ResolveImageReply,
  ResolveImageRequest,
} from '@tailor/contracts';
import { rpcRequest } from '@tailor/messaging';

import { InjectRpcClient } from './rpc-client.provider';

/** The provisioner's view of its peer apps, the predictor and the runtime-factory: typed requests over Redis, bounded in time. */
@Injectable()
export class PeerAppsGateway implements OnApplicationShutdown {
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
      timeoutMs,
    });
  }

  resolveImage(request: ResolveImageRequest): Promise<ResolveImageReply> {
    return rpcRequest(this.client, {
      dependency: 'runtime-factory',
      pattern: MessagePattern.ResolveImage,
      payload: request,
      timeoutMs: this.timeoutMs,
    });
  }

  /** The predictor's per-minute invocation probabilities of every active endpoint (for sizing the warm pools). */
  forecastWarmPools(correlationId: string, horizonMinutes: number): Promise<ForecastWarmPoolsReply> {
    return rpcRequest(this.client, {
      dependency: 'predictor',
      pattern: MessagePattern.ForecastWarmPools,
      payload: { correlationId, horizonMinutes },
      timeoutMs: this.timeoutMs,
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client.close();
  }
}
