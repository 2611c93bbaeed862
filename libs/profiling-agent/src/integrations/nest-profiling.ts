import type { IncomingMessage, ServerResponse } from 'node:http';

import type { CallHandler, DynamicModule, ExecutionContext, NestInterceptor } from '@nestjs/common';
import type { Observable } from 'rxjs';

import type { ProfilingAgentOptions } from '../agent-options';
import { endpointIdOf } from '../endpoint-id';
import { ProfilingAgent } from '../profiling-agent';
import { expressRouteTemplate } from './express-middleware';
import { observeHttp } from './observe-http';

/** @nestjs/core's APP_INTERCEPTOR token (a string), written out so that the agent needs no Nest at run time */
const APP_INTERCEPTOR = 'APP_INTERCEPTOR';

type NestRequest = IncomingMessage & {
  raw?: IncomingMessage;
  routeOptions?: { url?: string };
  route?: { path?: unknown };
};
type NestResponse = ServerResponse & { raw?: ServerResponse };

/** Nest interceptor (Express or Fastify platform): endpoint = method + the handler's full route template. */
export class ProfilingInterceptor implements NestInterceptor {
  constructor(private readonly agent: ProfilingAgent) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() === 'http') {
      try {
        const http = context.switchToHttp();
        const req = http.getRequest<NestRequest>();
        const res = http.getResponse<NestResponse>();
        const template = req.routeOptions?.url ?? expressRouteTemplate(req);
        observeHttp(this.agent, req.raw ?? req, res.raw ?? res, () => endpointIdOf(req.method, template));
      } catch {
        // the agent never fails a request
      }
    }
    return next.handle();
  }
}

/**
 * `ProfilingAgentModule.forRoot({ applicationId, ingestUrl })` in the app module: a global agent, its interceptor on
 * every route, and a flush on application shutdown (with `enableShutdownHooks()`).
 */
export class ProfilingAgentModule {
  static forRoot(options: ProfilingAgentOptions | ProfilingAgent): DynamicModule {
    return {
      module: ProfilingAgentModule,
      global: true,
      providers: [
        {
          provide: ProfilingAgent,
          useFactory: () => {
            const agent = options instanceof ProfilingAgent ? options : new ProfilingAgent(options);
            return Object.assign(agent, { onApplicationShutdown: () => agent.shutdown() });
          },
        },
        {
          provide: APP_INTERCEPTOR,
          inject: [ProfilingAgent],
          useFactory: (agent: ProfilingAgent) => new ProfilingInterceptor(agent),
        },
      ],
      exports: [ProfilingAgent],
    };
  }
}
