import { Controller, Get, Header, NotFoundException, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';

import { StatusService } from './status.service';

/** The status page for people (HTML), kept out of the OpenAPI document and the SDK. */
@ApiExcludeController()
@Controller('status')
export class StatusController {
  constructor(private readonly status: StatusService) {}

  @Get()
  @Header('cache-control', 'no-store')
  async page(@Res() response: FastifyReply): Promise<void> {
    await response.type('text/html; charset=utf-8').send(await this.status.page());
  }

  @Get('replay.svg')
  async replay(@Res() response: FastifyReply): Promise<void> {
    const svg = await this.status.replaySvg();
    if (!svg) throw new NotFoundException('no keep-warm replay has been written (npm run replay)');
    await response.type('image/svg+xml').send(svg);
  }
}
