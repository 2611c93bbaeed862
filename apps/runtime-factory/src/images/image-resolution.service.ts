import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ImageMatch, ResolveImageReply, ResolveImageRequest } from '@tailor/contracts';
import Docker from 'dockerode';
import { PinoLogger } from 'nestjs-pino';

import type { FactoryEnv } from '../config/factory-env.schema';
import { ImageResolutionErrorCode, ImageResolutionException } from './image-resolution.exception';
import { RuntimeImageRepository } from './runtime-image.repository';

@Injectable()
export class ImageResolutionService {
  constructor(
    private readonly images: RuntimeImageRepository,
    private readonly docker: Docker,
    private readonly config: ConfigService<FactoryEnv, true>,
    private readonly logger: PinoLogger,
  ) {}

  /** The image to run a profile on: its own specialized image when built, else the generic base runtime. */
  async resolve({ contentHash }: ResolveImageRequest): Promise<ResolveImageReply> {
    const exact = await this.images.findReady(contentHash);
    if (exact) {
      await this.recordUse(exact.imageRef, exact.contentHash, []);
      return { imageRef: exact.imageRef, imageHash: exact.contentHash, match: ImageMatch.Exact, buildEnqueued: false };
    }
    const base = this.config.get('TAILOR_BASE_IMAGE', { infer: true });
    const baseHash = await this.recordUse(base, null, []);
    this.logger.info({ contentHash, image: base }, 'no specialized image: serving the base runtime');
    return { imageRef: base, imageHash: baseHash, match: ImageMatch.Base, buildEnqueued: false };
  }

  /** Records the use of an image that must exist in the engine; an image without a profile is keyed by its Docker id. */
  private async recordUse(imageRef: string, contentHash: string | null, libraries: string[]): Promise<string> {
    const inspected = await this.docker
      .getImage(imageRef)
      .inspect()
      .catch(() => {
        throw new ImageResolutionException(
          ImageResolutionErrorCode.BaseImageMissing,
          `image ${imageRef} is not in the Docker engine (run scripts/build-base-image.sh)`,
        );
      });
    const hash = contentHash ?? inspected.Id.replace('sha256:', '');
    await this.images.recordUse({ contentHash: hash, imageRef, imageId: inspected.Id, sizeBytes: inspected.Size, libraries });
    return hash;
  }
}
