import { CallHandler, ExecutionContext, NestInterceptor } from '@nestjs/common';
import { Observable, tap } from 'rxjs';

export interface HandlerObserver {
  /** the controller method, e.g. EnvironmentsController.prototype.provision */
  handler: (...args: never[]) => unknown;
  onSuccess(result: unknown, seconds: number, context: ExecutionContext): void;
  onError?(error: unknown, seconds: number, context: ExecutionContext): void;
}

/**
 * Records metrics from the answers of chosen controller methods (HTTP or RPC), so that an app's services need no
 * metric code for what their answers already say. Subclass it in the app, list the observers, and register it as
 * APP_INTERCEPTOR (and with @UseInterceptors on RPC controllers).
 */
export abstract class HandlerMetricsInterceptor implements NestInterceptor {
  private byHandler?: Map<unknown, HandlerObserver>;

  protected abstract observers(): HandlerObserver[];

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    this.byHandler ??= new Map(this.observers().map((observer) => [observer.handler, observer]));
    const observer = this.byHandler.get(context.getHandler());
    if (!observer) return next.handle();
    const startedAt = performance.now();
    const seconds = () => (performance.now() - startedAt) / 1000;
    return next.handle().pipe(
      tap({
        next: (result) => observer.onSuccess(result, seconds(), context),
        error: (error) => observer.onError?.(error, seconds(), context),
      }),
    );
  }
}

/** The machine-readable code of an error (DomainException, RpcException payload), else its class name. */
export function errorCodeOf(error: unknown): string {
  if (error && typeof error === 'object') {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    const rpc = (error as { getError?: () => unknown }).getError?.();
    if (rpc && typeof rpc === 'object' && typeof (rpc as { code?: unknown }).code === 'string') return (rpc as { code: string }).code;
    if (error instanceof Error) return error.name;
  }
  return 'UNKNOWN';
}
