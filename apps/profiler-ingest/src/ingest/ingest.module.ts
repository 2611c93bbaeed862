import { Module } from '@nestjs/common';

import { IngestController } from './ingest.controller';
import { IngestService } from './ingest.service';
import { ProfilingEventRepository } from './profiling-event.repository';

@Module({ controllers: [IngestController], providers: [IngestService, ProfilingEventRepository] })
export class IngestModule {}
