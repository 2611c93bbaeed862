import { Injectable } from '@nestjs/common';
import { PrismaService } from '@tailor/prisma';

export interface ReadyImage {
  contentHash: string;
  imageRef: string;
}

@Injectable()
export class RuntimeImageRepository {
  constructor(private readonly prisma: PrismaService) {}

  findReady(contentHash: string): Promise<ReadyImage | null> {
    return this.prisma.runtimeImage.findFirst({
      where: { contentHash, status: 'ready' },
      select: { contentHash: true, imageRef: true },
    });
  }

  /** Records that `contentHash`'s image was handed out: one more hit, used now. Creates the row the first time. */
  async recordUse(image: { contentHash: string; imageRef: string; imageId: string; sizeBytes: number; libraries: string[] }) {
    const now = new Date();
    await this.prisma.runtimeImage.upsert({
      where: { contentHash: image.contentHash },
      create: { ...image, status: 'ready', hits: 1, lastUsedAt: now },
      update: { hits: { increment: 1 }, lastUsedAt: now, imageId: image.imageId },
    });
  }
}
