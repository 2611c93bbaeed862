import type { IncomingMessage, ServerResponse } from 'node:http';

import { endpointIdOf } from '../endpoint-id';
import type { ProfilingAgent } from '../profiling-agent';
import { observeHttp } from './observe-http';

interface FastifyLikeRequest {
  raw: IncomingMessage;
  method: string;
  routeOptions?: { url?: string };
}
interface FastifyLikeReply {
  raw: ServerResponse;
}
interface FastifyLikeInstance {
  addHook(
    name: 'onRequest',
    hook: (request: FastifyLikeRequest, reply: FastifyLikeReply, done: (error?: Error) => void) => void,
  ): unknown;
  addHook(name: 'onClose', hook: (instance: unknown, done: () => void) => void): unknown;
}

export interface FastifyProfilingOptions {
  /** shut the agent down (flushing what it holds) when the Fastify instance closes; default true */
  shutdownOnClose?: boolean;
}

/**
 * Fastify plugin: `await app.register(fastifyProfiling(agent))`. It applies to every route of the instance (it skips
 * Fastify's encapsulation, as fastify-plugin would). Endpoint = method + the route's URL template.
 */
export function fastifyProfiling(agent: ProfilingAgent, options: FastifyProfilingOptions = {}) {
  const plugin = (fastify: FastifyLikeInstance, _opts: unknown, done: (error?: Error) => void): void => {
    fastify.addHook('onRequest', (request, reply, hookDone) => {
      try {
        observeHttp(agent, request.raw, reply.raw, () => endpointIdOf(request.method, request.routeOptions?.url));
      } catch {
        // the agent never fails a request
      }
      hookDone();
    });
    if (options.shutdownOnClose ?? true) {
      fastify.addHook('onClose', (_instance, hookDone) => {
        agent.shutdown().then(
          () => hookDone(),
          () => hookDone(),
        );
      });
    }
    done();
  };
  return Object.assign(plugin, {
    [Symbol.for('skip-override')]: true,
    [Symbol.for('fastify.display-name')]: 'tailor-profiling',
  });
}
