import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBody,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiTags,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import type { ProfilingBatch } from '@tailor/contracts';
import { ErrorResponse } from '@tailor/platform';

import { BatchReceiptDto, ProfilingBatchDto } from './dto/profiling-batch.dto';
import { IngestService } from './ingest.service';
import { ProfilingBatchPipe } from './profiling-batch.pipe';

@ApiTags('profiles')
@Controller('v1/profiles')
export class IngestController {
  constructor(private readonly ingestion: IngestService) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({ summary: 'Store a batch of profiling data; acknowledged only once durable, idempotent per batchId' })
  @ApiBody({ type: ProfilingBatchDto })
  @ApiAcceptedResponse({ type: BatchReceiptDto })
  @ApiBadRequestResponse({ type: ErrorResponse })
  @ApiPayloadTooLargeResponse({ type: ErrorResponse })
  @ApiUnsupportedMediaTypeResponse({ type: ErrorResponse })
  ingest(@Body(ProfilingBatchPipe) batch: ProfilingBatch): Promise<BatchReceiptDto> {
    return this.ingestion.ingest(batch);
  }
}
