import { Injectable } from '@nestjs/common';
import { InjectNamespace } from '@tailor/config';
import { PrismaService } from '@tailor/prisma';

import type { WarmPoolGauge } from './provision.metrics';

/** Idle warm containers and their reserved memory per endpoint, for the pool gauges of /metrics. */
@Injectable()
export class WarmPoolStateRepository {
  private readonly namespace: string;

  constructor(
    private readonly prisma: PrismaService,
    @InjectNamespace() namespace: string,
  ) {
    this.namespace = namespace;
  }

  async idleByEndpoint(): Promise<WarmPoolGauge[]> {
    const rows = await this.prisma.poolContainer.groupBy({
      by: ['applicationId', 'endpointId'],
      where: { state: 'idle', namespace: this.namespace },
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
