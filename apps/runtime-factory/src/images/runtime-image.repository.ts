import { Injectable } from '@nestjs/common';
import { PrismaService } from '@tailor/prisma';

export interface ReadyImage {
  contentHash: string;
  imageRef: string;
  imageId: string | null;
  sizeBytes: number;
  libraries: string[];
  lastUsedAt: Date | null;
}

export interface ImageRecord {
  contentHash: string;
  imageRef: string;
  imageId: string;
  sizeBytes: number;
  libraries: string[];
}

const READY_FIELDS = {
  contentHash: true,
  imageRef: true,
  imageId: true,
  sizeBytes: true,
  libraries: true,
  lastUsedAt: true,
} as const;

const toReady = (row: {
  contentHash: string;
  imageRef: string;
  imageId: string | null;
  sizeBytes: bigint | null;
  libraries: string[];
  lastUsedAt: Date | null;
}): ReadyImage => ({ ...row, sizeBytes: Number(row.sizeBytes ?? 0) });

/** The cache table of runtime images (runtime_images). */
@Injectable()
export class RuntimeImageRepository {
  constructor(private readonly prisma: PrismaService) {}

  async findReady(contentHash: string): Promise<ReadyImage | null> {
    const row = await this.prisma.runtimeImage.findFirst({
      where: { contentHash, status: 'ready' },
      select: READY_FIELDS,
    });
    return row && toReady(row);
  }

  /**
   * The reason the build of `contentHash` failed for good, or null when it did not. A failure of a transient cause
   * (recorded after the last attempt, its reason starting with `transientPrefix`) counts only for `transientTtlMs`.
   */
  async findFailure(
    contentHash: string,
    transient: { prefix: string; ttlMs: number } = { prefix: '', ttlMs: Number.POSITIVE_INFINITY },
  ): Promise<string | null> {
    const row = await this.prisma.runtimeImage.findFirst({
      where: { contentHash, status: 'failed' },
      select: { failureReason: true, updatedAt: true },
    });
    if (!row) return null;
    const reason = row.failureReason ?? 'unknown';
    const expired =
      transient.prefix !== '' &&
      reason.startsWith(transient.prefix) &&
      Date.now() - row.updatedAt.getTime() >= transient.ttlMs;
    return expired ? null : reason;
  }

  /** The smallest ready image of `repository` whose libraries include every one of `libraries` (package-aware reuse). */
  async findSmallestCovering(repository: string, libraries: string[]): Promise<ReadyImage | null> {
    const row = await this.prisma.runtimeImage.findFirst({
      where: { status: 'ready', imageRef: { startsWith: `${repository}:` }, libraries: { hasEvery: libraries } },
      orderBy: [{ sizeBytes: 'asc' }, { contentHash: 'asc' }],
      select: READY_FIELDS,
    });
    return row && toReady(row);
  }

  /** Ready images of `repository`, least recently used first (never used before used long ago). */
  async listReadyLeastRecentlyUsed(repository: string): Promise<ReadyImage[]> {
    const rows = await this.prisma.runtimeImage.findMany({
      where: { status: 'ready', imageRef: { startsWith: `${repository}:` } },
      orderBy: [{ lastUsedAt: { sort: 'asc', nulls: 'first' } }, { createdAt: 'asc' }],
      select: READY_FIELDS,
    });
    return rows.map(toReady);
  }

  /** Records that `contentHash`'s image was handed out: one more hit, used now. Creates the row the first time. */
  async recordUse(image: ImageRecord): Promise<void> {
    const now = new Date();
    await this.prisma.runtimeImage.upsert({
      where: { contentHash: image.contentHash },
      create: { ...image, status: 'ready', hits: 1, lastUsedAt: now },
      update: { hits: { increment: 1 }, lastUsedAt: now, imageId: image.imageId },
    });
  }

  /** Records a built (or found) image as ready for `contentHash`; clears any earlier failure. */
  async recordReady(image: ImageRecord): Promise<void> {
    await this.prisma.runtimeImage.upsert({
      where: { contentHash: image.contentHash },
      create: { ...image, status: 'ready' },
      update: { ...image, status: 'ready', failureReason: null },
    });
  }

  async recordFailure(contentHash: string, imageRef: string, failureReason: string): Promise<void> {
    await this.prisma.runtimeImage.upsert({
      where: { contentHash },
      create: { contentHash, imageRef, status: 'failed', failureReason, libraries: [] },
      update: { status: 'failed', failureReason },
    });
  }

  /** Forgets every row that points at an image the engine no longer has (or that was evicted). */
  async deleteByImage(imageRef: string, imageId: string | null): Promise<number> {
    const { count } = await this.prisma.runtimeImage.deleteMany({
      where: { status: 'ready', OR: [{ imageRef }, ...(imageId ? [{ imageId }] : [])] },
    });
    return count;
  }
}
