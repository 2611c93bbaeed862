import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import { type DatabaseConfig, databaseConfig, InjectConfig } from '@tailor/config';
import { Pool } from 'pg';

import { PrismaClient } from './generated/client';

@Injectable()
export class PrismaService extends PrismaClient implements OnModuleDestroy {
  /**
   * The connections Prisma itself uses, for the few hot-path statements worth a named prepared statement (Prisma's
   * raw queries are parsed, planned and interpreted anew on every call).
   */
  readonly pool: Pool;

  constructor(@InjectConfig(databaseConfig) database: DatabaseConfig) {
    const pool = new Pool({ connectionString: database.url, idleTimeoutMillis: database.poolIdleMs });
    // a connection that drops while idle is replaced by the next query; without a listener the error would be thrown
    pool.on('error', () => undefined);
    super({ adapter: new PrismaPg(pool) });
    this.pool = pool;
  }

  async onModuleDestroy(): Promise<void> {
    await this.$disconnect();
    if (!this.pool.ended) await this.pool.end();
  }
}
