import { Injectable } from '@nestjs/common';
import type { FastifyInstance, FastifyRequest } from 'fastify';
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

  /** Called for every answered request (e.g. to count an app's own rejects by route). */
  onAnswered(listener: (answered: AnsweredRequest) => void): void {
    this.listeners.push(listener);
  }

  /** Counts every answered request, also those the body rules refuse (Fastify has routed them by then). */
  register(fastify: FastifyInstance): void {
    fastify.addHook('onResponse', (request, reply, done) => {
      const route = routeOf(request);
      if (route !== '/metrics') {
        this.requests.inc({ method: request.method, route, status: String(reply.statusCode) });
        this.duration.observe({ method: request.method, route }, reply.elapsedTime / 1000);
        for (const listener of this.listeners) listener({ method: request.method, route, status: reply.statusCode });
      }
      done();
    });
  }
}

/** /environments/{id} for /environments/:id, as the OpenAPI documents name it */
const routeOf = (request: FastifyRequest): string => request.routeOptions.url?.replace(/:(\w+)/g, '{$1}') ?? UNMATCHED;
