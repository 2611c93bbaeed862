import type { PrismaClient } from '@tailor/prisma';

/** A rollup row as the model reads it (runtime-model's RollupRow): runtime-model's own tests use this lib. */
interface RollupRow {
  applicationId: string;
  endpointId: string;
  bucketStart: Date | number;
  invocations: number;
  executionTimeSum: number;
  cpuTimeSum: number;
  peakRssMax: bigint | number;
  libraryCounts: Record<string, number>;
}

/** Stores a workload's rollups (as the model reads them) in endpoint_rollups, as profiler-ingest would have. */
export async function storeRollups(prisma: PrismaClient, workload: { minuteRows: RollupRow[]; hourRows: RollupRow[] }): Promise<void> {
  await prisma.endpointRollup.createMany({ data: workload.minuteRows.map(recordOf('minute')) });
  await prisma.endpointRollup.createMany({ data: workload.hourRows.map(recordOf('hour')) });
}

const recordOf = (granularity: 'minute' | 'hour') => (row: RollupRow) => ({
  applicationId: row.applicationId,
  endpointId: row.endpointId,
  granularity,
  bucketStart: new Date(row.bucketStart),
  invocations: row.invocations,
  executionTimeSum: row.executionTimeSum,
  executionTimeMax: row.executionTimeSum / row.invocations,
  cpuTimeSum: row.cpuTimeSum,
  peakRssMax: BigInt(row.peakRssMax),
  libraryCounts: row.libraryCounts,
});
