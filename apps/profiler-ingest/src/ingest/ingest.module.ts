import { Module } from '@nestjs/common';

import { NotifyModule } from '../notify/notify.module';
import { EventStorePool } from './event-store.pool';
import { IngestController } from './ingest.controller';
import { IngestService } from './ingest.service';
import { ProfilingEventRepository } from './profiling-event.repository';

@Module({
  imports: [NotifyModule],
  controllers: [IngestController],
  providers: [IngestService, ProfilingEventRepository, EventStorePool],
})
export class IngestModule {}
