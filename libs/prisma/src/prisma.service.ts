import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { PrismaPg } from '@prisma/adapter-pg';
import { Pool } from 'pg';

import { PrismaClient } from './generated/client';

@Injectable()
export class PrismaService extends PrismaClient implements OnModuleDestroy {
  /**
   * The connections Prisma itself uses, for the few hot-path statements worth a named prepared statement (Prisma's
   * raw queries are parsed, planned and interpreted anew on every call).
   */
  readonly pool: Pool;

  constructor(config: ConfigService) {
    const pool = new Pool({
      connectionString: config.getOrThrow<string>('DATABASE_URL'),
      idleTimeoutMillis: config.get<number>('DATABASE_POOL_IDLE_MS'),
    });
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
