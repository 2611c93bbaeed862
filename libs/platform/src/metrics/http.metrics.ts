import { Injectable } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { Counter, Histogram } from 'prom-client';

import { MetricsRegistry } from './metrics-registry';

const UNMATCHED = 'unmatched';

export interface AnsweredRequest {
  method: string;
  /** the route template, e.g. /environments/{id}, or `unmatched` */
  route: string;
  status: number;
}

/** Requests by route template (never the raw URL: bounded label values), method and status, and their latency. */
@Injectable()
export class HttpMetrics {
  private readonly requests: Counter<'method' | 'route' | 'status'>;
  private readonly duration: Histogram<'method' | 'route'>;
  private routes: { template: string; pattern: RegExp }[] = [];
  private readonly listeners: ((answered: AnsweredRequest) => void)[] = [];

  constructor(registry: MetricsRegistry) {
    this.requests = new Counter({
      name: 'tailor_http_requests_total',
      help: 'HTTP requests answered, by route template, method and status code',
      labelNames: ['method', 'route', 'status'],
      registers: [registry],
    });
    this.duration = new Histogram({
      name: 'tailor_http_request_duration_seconds',
      help: 'Time to answer an HTTP request, by route template and method',
      labelNames: ['method', 'route'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    });
  }

  /** The app's route templates (e.g. from its OpenAPI paths), to name requests answered before routing (413, 415). */
  knowRoutes(templates: string[]): void {
    this.routes = templates.map((template) => ({
      template,
      pattern: new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}/?$`),
    }));
  }

  /** Called for every answered request (e.g. to count an app's own rejects by route). */
  onAnswered(listener: (answered: AnsweredRequest) => void): void {
    this.listeners.push(listener);
  }

  /** Express middleware; put it first so that it also sees the requests the body rules refuse. */
  readonly middleware = (request: Request, response: Response, next: NextFunction): void => {
    const startedAt = performance.now();
    response.once('finish', () => {
      const route = this.routeOf(request);
      if (route === '/metrics') return;
      this.requests.inc({ method: request.method, route, status: String(response.statusCode) });
      this.duration.observe({ method: request.method, route }, (performance.now() - startedAt) / 1000);
      for (const listener of this.listeners) listener({ method: request.method, route, status: response.statusCode });
    });
    next();
  };

  private routeOf(request: Request): string {
    const matched = (request.route as { path?: string } | undefined)?.path;
    if (matched) return `${request.baseUrl}${matched}`.replace(/:(\w+)/g, '{$1}');
    const path = request.path;
    return this.routes.find(({ pattern }) => pattern.test(path))?.template ?? UNMATCHED;
  }
}
