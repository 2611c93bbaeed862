import { Injectable } from '@nestjs/common';
import { PrismaService } from '@tailor/prisma';

const RECENT_PROVISIONS = 25;
const LISTED_IMAGES = 20;
const LISTED_POOLS = 30;
const HOUR_MS = 3_600_000;

/** Everything the status page shows, read from Postgres in one go. */
@Injectable()
export class StatusRepository {
  constructor(private readonly prisma: PrismaService) {}

  recentEnvironments() {
    return this.prisma.environment.findMany({
      orderBy: { createdAt: 'desc' },
      take: RECENT_PROVISIONS,
      select: {
        id: true,
        applicationId: true,
        endpointId: true,
        state: true,
        path: true,
        profileSource: true,
        imageMatch: true,
        imageRef: true,
        timings: true,
        failureReason: true,
        createdAt: true,
      },
    });
  }

  async environmentCounts() {
    const since = new Date(Date.now() - HOUR_MS);
    const [byState, lastHourByPath] = await Promise.all([
      this.prisma.environment.groupBy({ by: ['state'], _count: { _all: true } }),
      this.prisma.environment.groupBy({ by: ['path'], where: { createdAt: { gte: since } }, _count: { _all: true } }),
    ]);
    return {
      byState: Object.fromEntries(byState.map((row) => [row.state, row._count._all])),
      lastHourByPath: Object.fromEntries(lastHourByPath.map((row) => [row.path ?? 'failed', row._count._all])),
    };
  }

  warmPools() {
    return this.prisma.warmPool.findMany({
      orderBy: [{ targetSize: 'desc' }, { lastProvisionAt: 'desc' }],
      take: LISTED_POOLS,
      select: {
        profileHash: true,
        applicationId: true,
        endpointId: true,
        imageRef: true,
        memoryMb: true,
        targetSize: true,
        minSize: true,
        minSizeUntil: true,
        floorUntil: true,
        lastProvisionAt: true,
        reconciledAt: true,
      },
    });
  }

  poolContainersByState() {
    return this.prisma.poolContainer.groupBy({ by: ['profileHash', 'state'], _count: { _all: true } });
  }

  async images() {
    const [rows, byStatus, totals] = await Promise.all([
      this.prisma.runtimeImage.findMany({
        orderBy: [{ lastUsedAt: { sort: 'desc', nulls: 'last' } }, { createdAt: 'desc' }],
        take: LISTED_IMAGES,
        select: { contentHash: true, imageRef: true, status: true, sizeBytes: true, hits: true, libraries: true, lastUsedAt: true, failureReason: true },
      }),
      this.prisma.runtimeImage.groupBy({ by: ['status'], _count: { _all: true } }),
      this.prisma.runtimeImage.aggregate({ _sum: { hits: true } }),
    ]);
    return {
      rows,
      byStatus: Object.fromEntries(byStatus.map((row) => [row.status, row._count._all])),
      hits: totals._sum.hits ?? 0,
    };
  }

  /** The serving model of each kind, and the latest version trained (which may be a rejected candidate). */
  async models() {
    const select = { kind: true, version: true, status: true, statusReason: true, metrics: true, createdAt: true, promotedAt: true };
    const [champions, latest] = await Promise.all([
      this.prisma.modelVersion.findMany({ where: { status: 'champion' }, orderBy: { promotedAt: 'desc' }, select }),
      this.prisma.modelVersion.findFirst({ orderBy: { createdAt: 'desc' }, select }),
    ]);
    return { champions, latest };
  }
}

export type StatusEnvironmentRow = Awaited<ReturnType<StatusRepository['recentEnvironments']>>[number];
export type StatusPoolRow = Awaited<ReturnType<StatusRepository['warmPools']>>[number];
export type StatusImageRow = Awaited<ReturnType<StatusRepository['images']>>['rows'][number];
export type StatusModelRow = NonNullable<Awaited<ReturnType<StatusRepository['models']>>['latest']>;
