import { Controller, Get, Header, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';

import { MetricsRegistry } from './metrics-registry';

/** GET /metrics in Prometheus' text format; kept out of the OpenAPI documents and the SDK (it is for scrapers). */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly registry: MetricsRegistry) {}

  @Get()
  @Header('cache-control', 'no-store')
  async scrape(@Res() response: FastifyReply): Promise<void> {
    const body = await this.registry.metrics();
    await response.type(this.registry.contentType).send(body);
  }
}
