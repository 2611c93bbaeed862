import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { ResolveImageReply } from '@tailor/contracts';
import { Observable, tap } from 'rxjs';

import { ImageMetrics } from './image.metrics';

/**
 * Counts the images handed out over Redis by match (exact is a cache hit). App-wide interceptors do not reach a connected
 * microservice, so the RPC controller names this one with @UseInterceptors.
 */
@Injectable()
export class ImageResolutionMetricsInterceptor implements NestInterceptor {
  constructor(private readonly metrics: ImageMetrics) {}

  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      tap((reply) => {
        const match = (reply as Partial<ResolveImageReply> | undefined)?.match;
        if (match) this.metrics.observeResolution(match);
      }),
    );
  }
}
