import {
  RuntimeHealth,
  RuntimeHealthSchema,
  RuntimeInvokeReply,
  RuntimeInvokeReplySchema,
  RuntimeInvokeRequest,
  RuntimeLoadReply,
  RuntimeLoadReplySchema,
  RuntimeLoadRequest,
  RuntimeReport,
  RuntimeReportSchema,
  RuntimeSandbox,
  RuntimeSandboxSchema,
  RuntimeServerRoute,
} from '@tailor/contracts';
import type { z } from 'zod';

/** Why a call to a runtime server failed: no answer (status null), an error status, or a reply outside the contract. */
export interface RuntimeCallFailure {
  path: RuntimeServerRoute;
  status: number | null;
  message: string;
}

export class RuntimeCallError extends Error {
  constructor(readonly failure: RuntimeCallFailure) {
    super(failure.message);
    this.name = RuntimeCallError.name;
  }
}

export interface RuntimeClientOptions {
  /** how long a call may take, unless the call says otherwise */
  timeoutMs: number;
  /** the error a failed call throws (a RuntimeCallError unless the caller maps it to its own) */
  toError?: (failure: RuntimeCallFailure) => Error;
}

/** The typed client of one runtime server (images/runtime/server.js), by the contract in @tailor/contracts. */
export class RuntimeClient {
  private readonly toError: (failure: RuntimeCallFailure) => Error;

  constructor(
    readonly baseUrl: string,
    private readonly options: RuntimeClientOptions,
  ) {
    this.toError = options.toError ?? ((failure) => new RuntimeCallError(failure));
  }

  /** Whether GET /health answers 200 within `timeoutMs`; never throws. */
  isReady(timeoutMs = this.options.timeoutMs): Promise<boolean> {
    return fetch(`${this.baseUrl}${RuntimeServerRoute.Health}`, { signal: AbortSignal.timeout(timeoutMs) })
      .then((response) => response.ok)
      .catch(() => false);
  }

  health(timeoutMs?: number): Promise<RuntimeHealth> {
    return this.call(RuntimeServerRoute.Health, RuntimeHealthSchema, undefined, timeoutMs);
  }

  load(bundle: RuntimeLoadRequest, timeoutMs?: number): Promise<RuntimeLoadReply> {
    return this.call(RuntimeServerRoute.Load, RuntimeLoadReplySchema, bundle, timeoutMs);
  }

  invoke(request: RuntimeInvokeRequest, timeoutMs?: number): Promise<RuntimeInvokeReply> {
    return this.call(RuntimeServerRoute.Invoke, RuntimeInvokeReplySchema, request, timeoutMs);
  }

  report(timeoutMs?: number): Promise<RuntimeReport> {
    return this.call(RuntimeServerRoute.Report, RuntimeReportSchema, undefined, timeoutMs);
  }

  sandbox(timeoutMs?: number): Promise<RuntimeSandbox> {
    return this.call(RuntimeServerRoute.Sandbox, RuntimeSandboxSchema, undefined, timeoutMs);
  }

  /** GET without a body, POST with one; a non-2xx answer fails with the runtime's error. */
  private async call<T>(
    path: RuntimeServerRoute,
    reply: z.ZodType<T>,
    body: unknown,
    timeoutMs = this.options.timeoutMs,
  ): Promise<T> {
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: body === undefined ? undefined : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const message = `runtime at ${this.baseUrl} did not answer ${path}: ${(error as Error).message}`;
      throw this.toError({ path, status: null, message });
    }
    const payload: unknown = await response.json().catch(() => ({}));
    if (!response.ok) {
      const reason = (payload as { error?: string }).error ?? 'no reason';
      throw this.toError({
        path,
        status: response.status,
        message: `runtime answered ${path} with ${response.status}: ${reason}`,
      });
    }
    const parsed = reply.safeParse(payload);
    if (!parsed.success) {
      const message = `runtime answered ${path} outside its contract: ${parsed.error.message}`;
      throw this.toError({ path, status: response.status, message });
    }
    return parsed.data;
  }
}
