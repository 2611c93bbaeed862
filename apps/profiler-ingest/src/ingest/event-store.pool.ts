import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Pool } from 'pg';

import type { IngestEnv } from '../config/ingest-env.schema';

/** The pg pool of the write path: batches go in as a few multi-row statements, which Prisma cannot express. */
@Injectable()
export class EventStorePool extends Pool implements OnModuleDestroy {
  constructor(config: ConfigService<IngestEnv, true>) {
    super({
      connectionString: config.get('DATABASE_URL', { infer: true }),
      max: config.get('INGEST_DATABASE_POOL_SIZE', { infer: true }),
      idleTimeoutMillis: config.get('DATABASE_POOL_IDLE_MS', { infer: true }),
    });
  }

  async onModuleDestroy(): Promise<void> {
    await this.end();
  }
}
