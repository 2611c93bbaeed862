import { Controller, Get, Header, NotFoundException, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';

import { StatusService } from './status.service';

/** The status page for people (HTML), kept out of the OpenAPI document and the SDK. */
@ApiExcludeController()
@Controller('status')
export class StatusController {
  constructor(private readonly status: StatusService) {}

  @Get()
  @Header('cache-control', 'no-store')
  async page(@Res() response: Response): Promise<void> {
    response.type('html').send(await this.status.page());
  }

  @Get('replay.svg')
  async replay(@Res() response: Response): Promise<void> {
    const svg = await this.status.replaySvg();
    if (!svg) throw new NotFoundException('no keep-warm replay has been written (npm run replay)');
    response.type('image/svg+xml').send(svg);
  }
}
