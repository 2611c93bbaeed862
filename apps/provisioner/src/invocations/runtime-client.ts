import { RuntimeErrorCode, RuntimeException } from '../engines/runtime.exception';

/** One call to a runtime server (images/runtime/server.js); a non-2xx answer throws with the runtime's error. */
export async function callRuntime<T>(baseUrl: string, path: string, body: unknown, timeoutMs: number): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`${baseUrl}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: body === undefined ? undefined : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    throw new RuntimeException(RuntimeErrorCode.RuntimeFailed, `runtime at ${baseUrl} did not answer ${path}: ${(error as Error).message}`);
  }
  const payload = (await response.json().catch(() => ({}))) as T & { error?: string };
  if (!response.ok) throw new RuntimeException(RuntimeErrorCode.RuntimeFailed, `runtime answered ${path} with ${response.status}: ${payload.error ?? 'no reason'}`);
  return payload;
}

export interface RuntimeReport {
  timeToReadyMs: number | null;
  misses?: string[];
  unusedPreloads?: string[];
  memory?: { peakRssBytes?: number };
}
