import type { IncomingMessage, ServerResponse } from 'node:http';

import { endpointIdOf, templateOfMountPath } from '../endpoint-id';
import type { ProfilingAgent } from '../profiling-agent';
import { observeHttp } from './observe-http';

interface ExpressLikeRequest extends IncomingMessage {
  route?: { path?: unknown };
  baseUrl?: string;
  params?: Record<string, unknown>;
}

export interface ExpressProfilingOptions {
  /** the route template of a request, when the default (mount path + req.route.path) does not fit */
  routeTemplate?: (req: ExpressLikeRequest) => string | undefined;
}

function routePath(path: unknown): string | undefined {
  if (typeof path === 'string') return path;
  if (Array.isArray(path)) return path.filter((p) => typeof p === 'string').join('|') || '/*regexp';
  return path === undefined ? undefined : '/*regexp';
}

export function expressRouteTemplate(req: ExpressLikeRequest): string | undefined {
  const path = routePath(req.route?.path);
  if (path === undefined) return undefined;
  return `${templateOfMountPath(req.baseUrl ?? '', req.params)}${path}` || '/';
}

/** Express middleware: `app.use(expressProfiling(agent))` before the routes. Endpoint = method + route template. */
export function expressProfiling(agent: ProfilingAgent, options: ExpressProfilingOptions = {}) {
  const template = options.routeTemplate ?? expressRouteTemplate;
  return function tailorProfiling(req: IncomingMessage, res: ServerResponse, next: () => void): void {
    try {
      observeHttp(agent, req, res, () => endpointIdOf(req.method, template(req as ExpressLikeRequest)));
    } catch {
      // the agent never fails a request
    }
    next();
  };
}
