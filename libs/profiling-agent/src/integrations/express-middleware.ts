import type { IncomingMessage, ServerResponse } from 'node:http';

import { endpointIdOf } from '../endpoint-id';
import type { ProfilingAgent } from '../profiling-agent';
import { observeHttp } from './observe-http';

interface RouterLayer {
  handle?: { stack?: RouterLayer[] };
  match?: (path: string) => false | { path: string; pattern?: unknown };
}

interface ExpressLikeRequest extends IncomingMessage {
  route?: { path?: unknown };
  baseUrl?: string;
  params?: Record<string, unknown>;
  app?: { router?: { stack?: RouterLayer[] } };
}

/** What a mount path whose template is unknown becomes: never the matched text, which may hold ids or names. */
export const UNKNOWN_MOUNT = '/*mount';

const joinPaths = (a: string, b: string): string =>
  `${a.replace(/\/$/, '')}/${b.replace(/^\//, '')}`.replace(/\/$/, '') || '/';

/**
 * The template of Express's req.baseUrl (the matched text of the mount paths): found again by matching it against
 * the mounted routers' layers, which (router >= 2.3) report the pattern they matched without keeping request state.
 */
export function mountTemplate(stack: RouterLayer[] | undefined, baseUrl: string, depth = 0): string | undefined {
  if (!stack || depth > 8) return undefined;
  for (const layer of stack) {
    if (!layer.handle?.stack || typeof layer.match !== 'function') continue;
    const match = layer.match(baseUrl);
    if (!match || typeof match.pattern !== 'string') continue;
    const rest = baseUrl.slice(match.path.length);
    if (rest === '' || rest === '/') return match.pattern;
    const inner = mountTemplate(layer.handle.stack, rest, depth + 1);
    if (inner !== undefined) return joinPaths(match.pattern, inner);
  }
  return undefined;
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
  if (!req.baseUrl) return path;
  return joinPaths(mountTemplate(req.app?.router?.stack, req.baseUrl) ?? UNKNOWN_MOUNT, path);
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
