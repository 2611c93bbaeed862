import { Injectable } from '@nestjs/common';
import { PrismaService } from '@tailor/prisma';

import type { ImageCacheState } from './image.metrics';

/** The image cache as /metrics reports it, read from runtime_images. */
@Injectable()
export class ImageCacheStateRepository {
  constructor(private readonly prisma: PrismaService) {}

  async read(): Promise<ImageCacheState> {
    const [byStatus, ready, hits] = await Promise.all([
      this.prisma.runtimeImage.groupBy({ by: ['status'], _count: { _all: true } }),
      this.prisma.runtimeImage.findMany({ where: { status: 'ready' }, select: { imageRef: true, imageId: true, sizeBytes: true } }),
      this.prisma.runtimeImage.aggregate({ _sum: { hits: true } }),
    ]);
    // several profile hashes may resolve to one image: count its bytes once
    const sizes = new Map(ready.map((row) => [row.imageId ?? row.imageRef, Number(row.sizeBytes ?? 0)]));
    return {
      images: Object.fromEntries(byStatus.map((row) => [row.status, row._count._all])),
      sizeBytes: [...sizes.values()].reduce((sum, size) => sum + size, 0),
      hits: hits._sum.hits ?? 0,
    };
  }
}
