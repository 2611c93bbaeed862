import { Injectable } from '@nestjs/common';
import { PrismaService } from '@tailor/prisma';

@Injectable()
export class RetentionRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Deletes at most `limit` raw events recorded before `cutoff`; returns how many it deleted. */
  deleteEventsRecordedBefore(cutoff: Date, limit: number): Promise<number> {
    return this.prisma.$executeRaw`
      DELETE FROM profiling_events WHERE id IN (
        SELECT id FROM profiling_events WHERE "recordedAt" < ${cutoff} LIMIT ${limit})`;
  }

  /** Batch ids older than the retention no longer need to guard against re-sends. */
  deleteBatchesReceivedBefore(cutoff: Date, limit: number): Promise<number> {
    return this.prisma.$executeRaw`
      DELETE FROM ingest_batches WHERE id IN (
        SELECT id FROM ingest_batches WHERE "receivedAt" < ${cutoff} LIMIT ${limit})`;
  }
}
