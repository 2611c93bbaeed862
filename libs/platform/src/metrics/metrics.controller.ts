import { Controller, Get, Header, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';

import { MetricsRegistry } from './metrics-registry';

/** GET /metrics in Prometheus' text format; kept out of the OpenAPI documents and the SDK (it is for scrapers). */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly registry: MetricsRegistry) {}

  @Get()
  @Header('cache-control', 'no-store')
  async scrape(@Res() response: Response): Promise<void> {
    const body = await this.registry.metrics();
    // exactly Prometheus' content type (express' send() would add a charset parameter)
    response.setHeader('content-type', this.registry.contentType);
    response.end(body);
  }
}
