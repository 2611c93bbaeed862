import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { InjectConfig, InjectNamespace } from '@tailor/config';
import { type DockerConfig, dockerConfig } from '@tailor/docker';
import { RuntimeImageLabel } from '@tailor/image-builder';
import { PinoLogger } from 'nestjs-pino';

import { type CacheConfig, cacheConfig, type ImagesConfig, imagesConfig } from '../config/factory-config.groups';
import { EngineImages } from '../images/engine-images';
import { RuntimeImageRepository } from '../images/runtime-image.repository';

export interface EvictionResult {
  usedBytes: number;
  budgetBytes: number;
  evicted: string[];
  keptInUse: string[];
}

/**
 * Keeps the cache table consistent with the engine (the image labels are the truth) and the specialized images within the
 * disk budget, evicting the least recently used first and never an image a container uses.
 */
@Injectable()
export class ImageCacheService implements OnApplicationBootstrap {
  private readonly namespace: string;
  private readonly repository: string;
  private readonly budgetBytes: number;
  private readonly baseImage: string;
  private evicting: Promise<EvictionResult> | null = null;

  constructor(
    private readonly images: RuntimeImageRepository,
    private readonly engine: EngineImages,
    private readonly logger: PinoLogger,
    @InjectNamespace() namespace: string,
    @InjectConfig(dockerConfig) docker: DockerConfig,
    @InjectConfig(imagesConfig) imagesSettings: ImagesConfig,
    @InjectConfig(cacheConfig) cache: CacheConfig,
  ) {
    this.namespace = namespace;
    this.repository = imagesSettings.repository;
    this.budgetBytes = cache.budgetBytes;
    this.baseImage = docker.baseImage;
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.reconcile().catch((error: Error) =>
      this.logger.warn({ err: error }, 'could not reconcile the image cache'),
    );
  }

  /** Rows whose image the engine lost are forgotten; labelled images without a row are recorded from their labels. */
  async reconcile(): Promise<{ forgotten: number; adopted: number }> {
    const inEngine = await this.engine.listRuntimeImages(this.namespace);
    const engineIds = new Set(inEngine.map((image) => image.imageId));
    let forgotten = 0;
    for (const row of await this.images.listReadyLeastRecentlyUsed(this.repository)) {
      if (!row.imageId || !engineIds.has(row.imageId))
        forgotten += await this.images.deleteByImage(row.imageRef, row.imageId);
    }
    let adopted = 0;
    for (const image of inEngine) {
      const hash = image.labels[RuntimeImageLabel.ProfileHash];
      if (!hash || !image.imageRef || (await this.images.findReady(hash))) continue;
      const libraries = (image.labels[RuntimeImageLabel.Libraries] ?? '').split(',').filter(Boolean);
      await this.images.recordReady({
        contentHash: hash,
        imageRef: image.imageRef,
        imageId: image.imageId,
        sizeBytes: image.sizeBytes,
        libraries,
      });
      adopted += 1;
    }
    if (forgotten || adopted) this.logger.info({ forgotten, adopted }, 'image cache reconciled with the engine');
    return { forgotten, adopted };
  }

  /** Evicts least recently used images until the specialized images fit the budget; one eviction at a time per process. */
  evictUnderBudget(): Promise<EvictionResult> {
    this.evicting ??= this.evict().finally(() => (this.evicting = null));
    return this.evicting;
  }

  private async evict(): Promise<EvictionResult> {
    await this.reconcile();
    const baseBytes = (await this.engine.inspect(this.baseImage))?.sizeBytes ?? 0;
    const ownBytes = (size: number) => Math.max(0, size - baseBytes);
    const rows = await this.images.listReadyLeastRecentlyUsed(this.repository);
    // several hashes (requested and resolved) may share one image: count and evict each image once
    const byImage = new Map<string, typeof rows>();
    for (const row of rows)
      byImage.set(row.imageId ?? row.imageRef, [...(byImage.get(row.imageId ?? row.imageRef) ?? []), row]);
    let usedBytes = [...byImage.values()].reduce((sum, group) => sum + ownBytes(group[0].sizeBytes), 0);
    const result: EvictionResult = { usedBytes, budgetBytes: this.budgetBytes, evicted: [], keptInUse: [] };
    if (usedBytes <= this.budgetBytes) return result;

    const inUse = await this.engine.inUse();
    for (const group of byImage.values()) {
      if (usedBytes <= this.budgetBytes) break;
      const [image] = group;
      const used =
        (image.imageId !== null && inUse.imageIds.has(image.imageId)) ||
        group.some((row) => inUse.profileHashes.has(row.contentHash));
      if (used || !(await this.engine.remove(image.imageRef))) {
        result.keptInUse.push(image.imageRef);
        continue;
      }
      await this.images.deleteByImage(image.imageRef, image.imageId);
      usedBytes -= ownBytes(image.sizeBytes);
      result.evicted.push(image.imageRef);
    }
    result.usedBytes = usedBytes;
    this.logger.info(result, 'evicted runtime images under the disk budget');
    return result;
  }
}
