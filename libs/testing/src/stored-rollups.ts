import type { PrismaClient } from '@tailor/prisma';

import type { RollupRow } from '@tailor/contracts';

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
