import { Body, Controller, Delete, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { ErrorResponse } from '@tailor/platform';
import type { FastifyRequest } from 'fastify';

import { EnvironmentDto } from './dto/environment.dto';
import { EnvironmentIdParamDto } from './dto/environment-id-param.dto';
import { ProvisionRequestDto } from './dto/provision-request.dto';
import { ProvisionCommand } from './provision.command';
import { ProvisioningService } from './provisioning.service';

@ApiTags('environments')
@Controller()
export class EnvironmentsController {
  constructor(private readonly provisioning: ProvisioningService) {}

  @Post('provision')
  @HttpCode(201)
  @ApiOperation({ summary: 'Provision a runtime environment for an application endpoint' })
  @ApiCreatedResponse({ type: EnvironmentDto })
  @ApiBadRequestResponse({ type: ErrorResponse })
  @ApiServiceUnavailableResponse({ type: ErrorResponse, description: 'the predictor, factory or engine is unavailable' })
  provision(@Body() request: ProvisionRequestDto, @Req() http: FastifyRequest): Promise<EnvironmentDto> {
    return this.provisioning.provision(ProvisionCommand.create({ ...request, correlationId: http.id }));
  }

  @Get('environments/:id')
  @ApiOkResponse({ type: EnvironmentDto })
  @ApiNotFoundResponse({ type: ErrorResponse })
  get(@Param() { id }: EnvironmentIdParamDto): Promise<EnvironmentDto> {
    return this.provisioning.get(id);
  }

  @Delete('environments/:id')
  @ApiOperation({ summary: "Release an environment: its container is removed" })
  @ApiOkResponse({ type: EnvironmentDto })
  @ApiNotFoundResponse({ type: ErrorResponse })
  remove(@Param() { id }: EnvironmentIdParamDto): Promise<EnvironmentDto> {
    return this.provisioning.remove(id);
  }
}
