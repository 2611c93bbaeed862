import { Controller, Get, Headers, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ErrorResponse } from '@tailor/platform';

import { ModelVersionDto, RetrainAcceptedDto, RetrainJobParamsDto, RetrainStatusDto } from './dto/retrain.dto';
import { ModelsService } from './models.service';

@ApiTags('models')
@Controller('v1/models')
export class ModelsController {
  constructor(private readonly models: ModelsService) {}

  @Post('retrain')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: 'Retrain now (returns the retrain already waiting or running, if any)' })
  @ApiAcceptedResponse({ type: RetrainAcceptedDto })
  retrain(@Headers('x-correlation-id') correlationId?: string): Promise<RetrainAcceptedDto> {
    return this.models.requestRetrain(correlationId);
  }

  @Get('retrain/:jobId')
  @ApiOperation({ summary: "A retrain's state, progress and outcome" })
  @ApiOkResponse({ type: RetrainStatusDto })
  @ApiNotFoundResponse({ type: ErrorResponse })
  status(@Param() { jobId }: RetrainJobParamsDto): Promise<RetrainStatusDto> {
    return this.models.retrainStatus(jobId);
  }

  @Get()
  @ApiOperation({ summary: 'The model registry: latest versions with their held-out metrics and status' })
  @ApiOkResponse({ type: [ModelVersionDto] })
  list(): Promise<ModelVersionDto[]> {
    return this.models.list();
  }
}
