import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { PredictProfileReply } from '@tailor/contracts';
import { HandlerMetricsInterceptor, type HandlerObserver } from '@tailor/platform';
import { Observable, tap } from 'rxjs';

import { ProfilesController } from '../prediction/profiles.controller';
import { PredictionMetrics } from './prediction.metrics';

/** Latency of GET /v1/profiles/:applicationId/:endpointId by the profile's source; app-wide (APP_INTERCEPTOR). */
@Injectable()
export class PredictionMetricsInterceptor extends HandlerMetricsInterceptor {
  constructor(private readonly metrics: PredictionMetrics) {
    super();
  }

  protected observers(): HandlerObserver[] {
    return [
      {
        handler: ProfilesController.prototype.predict,
        onSuccess: (reply, seconds) => this.metrics.observePrediction('http', (reply as PredictProfileReply).source, seconds),
      },
    ];
  }
}

/**
 * Latency of the predictions answered over Redis. App-wide interceptors do not reach a connected microservice, so the
 * RPC controller names this one with @UseInterceptors.
 */
@Injectable()
export class PredictionRpcMetricsInterceptor implements NestInterceptor {
  constructor(private readonly metrics: PredictionMetrics) {}

  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const startedAt = performance.now();
    return next.handle().pipe(
      tap((reply) => {
        const source = (reply as Partial<PredictProfileReply> | undefined)?.source;
        if (source) this.metrics.observePrediction('rpc', source, (performance.now() - startedAt) / 1000);
      }),
    );
  }
}
