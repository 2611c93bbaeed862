import { Controller, Get, Param } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ErrorResponse } from '@tailor/platform';

import { PredictedProfileDto } from './dto/predicted-profile.dto';
import { ProfileParamsDto } from './dto/profile-params.dto';
import { PredictionService } from './prediction.service';

@ApiTags('profiles')
@Controller('v1/profiles')
export class ProfilesController {
  constructor(private readonly prediction: PredictionService) {}

  @Get(':applicationId/:endpointId')
  @ApiOperation({ summary: "An endpoint's predicted RuntimeProfile (URL-encode endpoint ids that contain '/')" })
  @ApiOkResponse({ type: PredictedProfileDto })
  @ApiBadRequestResponse({ type: ErrorResponse })
  predict(@Param() { applicationId, endpointId }: ProfileParamsDto): Promise<PredictedProfileDto> {
    return this.prediction.predict(applicationId, endpointId);
  }
}
