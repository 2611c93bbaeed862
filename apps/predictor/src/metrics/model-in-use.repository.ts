import { Injectable } from '@nestjs/common';
import { numericLeaves } from '@tailor/platform';
import { PrismaService } from '@tailor/prisma';

import type { ModelInUse } from './prediction.metrics';

/** The model version(s) serving now (status champion), for the model gauges of /metrics. */
@Injectable()
export class ModelInUseRepository {
  constructor(private readonly prisma: PrismaService) {}

  async findChampions(): Promise<ModelInUse[]> {
    const rows = await this.prisma.modelVersion.findMany({
      where: { status: 'champion' },
      select: { kind: true, version: true, metrics: true },
    });
    return rows.map(({ kind, version, metrics }) => ({ kind, version, metrics: numericLeaves(metrics) }));
  }
}
