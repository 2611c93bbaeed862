import { Injectable } from '@nestjs/common';
import type { WarmPoolGauge } from '@tailor/platform';
import { PrismaService } from '@tailor/prisma';

/** Idle warm containers and their reserved memory per endpoint, for the pool gauges of /metrics. */
@Injectable()
export class WarmPoolStateRepository {
  constructor(private readonly prisma: PrismaService) {}

  async idleByEndpoint(): Promise<WarmPoolGauge[]> {
    const rows = await this.prisma.poolContainer.groupBy({
      by: ['applicationId', 'endpointId'],
      where: { state: 'idle' },
      _count: { _all: true },
      _sum: { memoryBytes: true },
    });
    return rows.map((row) => ({
      applicationId: row.applicationId,
      endpointId: row.endpointId,
      size: row._count._all,
      idleMemoryBytes: Number(row._sum.memoryBytes ?? 0),
    }));
  }
}
