import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { Store, storage } from 'nestjs-pino/storage';
import { Observable } from 'rxjs';

/**
 * Runs a microservice handler with a logger bound to the correlation id carried in the message, so that its log lines
 * join those of the HTTP request that caused it in another app.
 */
@Injectable()
export class RpcCorrelationInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'rpc') return next.handle();
    const data: unknown = context.switchToRpc().getData();
    const correlationId =
      typeof data === 'object' && data !== null && 'correlationId' in data ? String(data.correlationId) : undefined;
    const store = new Store(PinoLogger.root.child({ correlationId, pattern: context.switchToRpc().getContext().getChannel?.() }));
    return new Observable((subscriber) => storage.run(store, () => next.handle().subscribe(subscriber)));
  }
}
