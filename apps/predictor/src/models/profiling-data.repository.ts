import { Inject, Injectable } from '@nestjs/common';
import type { RollupRow } from '@tailor/contracts';
import { PrismaClient, PrismaService } from '@tailor/prisma';
import type { FeedbackRow } from '@tailor/runtime-model';

const ROLLUP_FIELDS = {
  applicationId: true,
  endpointId: true,
  bucketStart: true,
  invocations: true,
  executionTimeSum: true,
  cpuTimeSum: true,
  peakRssMax: true,
  libraryCounts: true,
} as const;

type Granularity = 'minute' | 'hour';

/**
 * Reads the profiling rollups (the ingest's) and the provisions' feedback rows the model learns from; on the app's
 * PrismaService, or on a client of its own in the training worker.
 */
@Injectable()
export class ProfilingDataRepository {
  constructor(@Inject(PrismaService) private readonly prisma: PrismaClient) {}

  async rollups(granularity: Granularity, from: Date, to: Date, applicationId?: string): Promise<RollupRow[]> {
    const rows = await this.prisma.endpointRollup.findMany({
      where: { granularity, bucketStart: { gte: from, lt: to }, ...(applicationId ? { applicationId } : {}) },
      select: ROLLUP_FIELDS,
      orderBy: { bucketStart: 'asc' },
    });
    return rows.map((row) => ({ ...row, libraryCounts: row.libraryCounts as Record<string, number> }));
  }

  async feedback(from: Date, to: Date, applicationId?: string): Promise<FeedbackRow[]> {
    return this.prisma.feedback.findMany({
      where: { createdAt: { gte: from, lt: to }, ...(applicationId ? { applicationId } : {}) },
      select: { applicationId: true, endpointId: true, createdAt: true, librariesMissed: true, memoryPeakBytes: true },
    });
  }
}
