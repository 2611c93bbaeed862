import { endpointIdOf } from '../endpoint-id';
import type { ProfilingAgent } from '../profiling-agent';

const isThenable = (value: unknown): value is PromiseLike<unknown> =>
  value !== null &&
  (typeof value === 'object' || typeof value === 'function') &&
  typeof (value as PromiseLike<unknown>).then === 'function';

/**
 * Wraps a function handler (sync or async): `export const handler = wrapHandler(agent, 'resize-image', resize)`.
 * The handler's result, errors and `this` pass through untouched.
 */
export function wrapHandler<A extends unknown[], R>(
  agent: ProfilingAgent,
  endpoint: string,
  handler: (...args: A) => R,
): (...args: A) => R {
  const endpointId = endpointIdOf(undefined, endpoint);
  return function profiled(this: unknown, ...args: A): R {
    const start = agent.startInvocation();
    let result: R;
    try {
      result = handler.apply(this, args);
    } catch (error) {
      agent.finishInvocation(start, endpointId);
      throw error;
    }
    if (isThenable(result)) {
      const finish = () => agent.finishInvocation(start, endpointId);
      result.then(finish, finish);
    } else {
      agent.finishInvocation(start, endpointId);
    }
    return result;
  };
}
