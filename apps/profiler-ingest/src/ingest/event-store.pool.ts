import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { type DatabaseConfig, databaseConfig, InjectConfig } from '@tailor/config';
import { Pool } from 'pg';

import { type EventStoreConfig, eventStoreConfig } from '../config/ingest-config.groups';

/** The pg pool of the write path: batches go in as a few multi-row statements, which Prisma cannot express. */
@Injectable()
export class EventStorePool extends Pool implements OnModuleDestroy {
  constructor(
    @InjectConfig(databaseConfig) database: DatabaseConfig,
    @InjectConfig(eventStoreConfig) eventStore: EventStoreConfig,
  ) {
    super({ connectionString: database.url, max: eventStore.poolSize, idleTimeoutMillis: database.poolIdleMs });
  }

  async onModuleDestroy(): Promise<void> {
    await this.end();
  }
}
