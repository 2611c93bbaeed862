import { Module } from '@nestjs/common';

import { NotifyModule } from '../notify/notify.module';
import { BatchWriter } from './batch-writer';
import { EventStorePool } from './event-store.pool';
import { IngestController } from './ingest.controller';
import { IngestService } from './ingest.service';
import { ProfilingEventRepository } from './profiling-event.repository';

@Module({
  imports: [NotifyModule],
  controllers: [IngestController],
  providers: [IngestService, BatchWriter, ProfilingEventRepository, EventStorePool],
})
export class IngestModule {}
