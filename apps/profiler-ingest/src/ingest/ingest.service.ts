import { Injectable } from '@nestjs/common';
import type { ProfilingBatch } from '@tailor/contracts';
import { PinoLogger } from 'nestjs-pino';

import { ProfilingEventRepository, StoredBatch } from './profiling-event.repository';

@Injectable()
export class IngestService {
  constructor(
    private readonly events: ProfilingEventRepository,
    private readonly logger: PinoLogger,
  ) {}

  async ingest(batch: ProfilingBatch): Promise<StoredBatch> {
    const stored = await this.events.storeBatch(batch);
    this.logger.info(stored, stored.duplicate ? 'batch already stored' : 'batch stored');
    return stored;
  }
}
