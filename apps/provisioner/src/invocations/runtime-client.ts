import { RuntimeClient } from '@tailor/runtime';

import { RuntimeErrorCode, RuntimeException } from '../engines/runtime.exception';

/** The client of an environment's runtime server; a call that fails (no answer, or a non-2xx one) is RUNTIME_FAILED. */
export const runtimeClientFor = (baseUrl: string, timeoutMs: number): RuntimeClient =>
  new RuntimeClient(baseUrl, {
    timeoutMs,
    toError: (failure) => new RuntimeException(RuntimeErrorCode.RuntimeFailed, failure.message),
  });
