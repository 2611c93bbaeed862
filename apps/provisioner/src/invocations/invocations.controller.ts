import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBadGatewayResponse, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ErrorResponse } from '@tailor/platform';

import { EnvironmentIdParamDto } from '../environments/dto/environment-id-param.dto';
import { InvocationDto, InvokeRequestDto, LoadBundleReplyDto, LoadBundleRequestDto } from './dto/invocation.dto';
import { InvocationService } from './invocation.service';

@ApiTags('environments')
@Controller('environments/:id')
export class InvocationsController {
  constructor(private readonly invocations: InvocationService) {}

  @Post('load')
  @HttpCode(200)
  @ApiOperation({ summary: "Load a function's handler bundle into the environment's runtime" })
  @ApiOkResponse({ type: LoadBundleReplyDto })
  @ApiNotFoundResponse({ type: ErrorResponse })
  @ApiConflictResponse({ type: ErrorResponse, description: 'the environment is not running' })
  @ApiBadGatewayResponse({ type: ErrorResponse, description: 'the runtime refused the bundle' })
  load(@Param() { id }: EnvironmentIdParamDto, @Body() bundle: LoadBundleRequestDto): Promise<LoadBundleReplyDto> {
    return this.invocations.load(id, bundle);
  }

  @Post('invoke')
  @HttpCode(200)
  @ApiOperation({ summary: "Invoke the loaded handler with an event; answers the function's result" })
  @ApiOkResponse({ type: InvocationDto })
  @ApiNotFoundResponse({ type: ErrorResponse })
  @ApiConflictResponse({ type: ErrorResponse, description: 'the environment is not running' })
  @ApiBadGatewayResponse({ type: ErrorResponse, description: 'the runtime or the handler failed' })
  invoke(@Param() { id }: EnvironmentIdParamDto, @Body() request: InvokeRequestDto): Promise<InvocationDto> {
    return this.invocations.invoke(id, request);
  }
}
