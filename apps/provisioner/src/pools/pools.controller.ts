import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ErrorResponse } from '@tailor/platform';
import type { FastifyRequest } from 'fastify';

import { PrewarmRequestDto } from './dto/prewarm-request.dto';
import { WarmPoolDto, WarmPoolListDto } from './dto/warm-pool.dto';
import { WarmPoolService } from './warm-pool.service';

@ApiTags('pools')
@Controller('pools')
export class PoolsController {
  constructor(private readonly warmPools: WarmPoolService) {}

  @Get()
  @ApiOperation({ summary: 'The warm pools: image, target size and containers idle, starting and claimed' })
  @ApiOkResponse({ type: WarmPoolListDto })
  async list(): Promise<WarmPoolListDto> {
    return { pools: await this.warmPools.list() };
  }

  @Post('prewarm')
  @HttpCode(200)
  @ApiOperation({ summary: "Keep at least `size` warm containers of an endpoint's profile for `minutes`; answers once they are up" })
  @ApiOkResponse({ type: WarmPoolDto })
  @ApiBadRequestResponse({ type: ErrorResponse })
  prewarm(@Body() request: PrewarmRequestDto, @Req() http: FastifyRequest): Promise<WarmPoolDto> {
    return this.warmPools.prewarm(request, http.id);
  }
}
