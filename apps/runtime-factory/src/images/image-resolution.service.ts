import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ImageMatch, ResolveImageReply, ResolveImageRequest } from '@tailor/contracts';
import { libraryRefs } from '@tailor/profiles';
import { PinoLogger } from 'nestjs-pino';

import { ImageBuildQueue } from '../builds/image-build-queue';
import { EngineImages } from '../cache/engine-images';
import { runtimeImageRepository } from '../cache/image-repository-name';
import type { FactoryEnv } from '../config/factory-env.schema';
import { ImageResolutionErrorCode, ImageResolutionException } from './image-resolution.exception';
import { ReadyImage, RuntimeImageRepository } from './runtime-image.repository';

@Injectable()
export class ImageResolutionService {
  private readonly repository: string;
  private readonly baseImage: string;

  constructor(
    private readonly images: RuntimeImageRepository,
    private readonly engine: EngineImages,
    private readonly builds: ImageBuildQueue,
    private readonly logger: PinoLogger,
    config: ConfigService<FactoryEnv, true>,
  ) {
    this.repository = runtimeImageRepository(config);
    this.baseImage = config.get('TAILOR_BASE_IMAGE', { infer: true });
  }

  /**
   * The image to run a profile on: its own specialized image when built (exact); else a build is enqueued (unless the
   * profile's build failed for good: then the failure answers) and the smallest cached image whose libraries cover the
   * profile's serves meanwhile (covering), or the generic base runtime (base).
   */
  async resolve({ correlationId, contentHash, profile }: ResolveImageRequest): Promise<ResolveImageReply> {
    const exact = await this.usable(await this.images.findReady(contentHash));
    if (exact) return this.handOut(exact, contentHash, ImageMatch.Exact, false);

    const failure = await this.images.findFailure(contentHash);
    const needsImage = profile.libraries.length > 0 || profile.preloadedData.length > 0;
    const buildEnqueued = needsImage && failure === null;
    if (buildEnqueued) await this.builds.enqueue({ correlationId, contentHash, profile });
    if (failure) this.logger.info({ contentHash, failure }, 'the build of this profile failed: not building it again');

    if (profile.libraries.length > 0) {
      const covering = await this.usable(
        await this.images.findSmallestCovering(this.repository, libraryRefs(profile.libraries)),
      );
      if (covering) return this.handOut(covering, covering.contentHash, ImageMatch.Covering, buildEnqueued);
    }

    const base = await this.engine.inspect(this.baseImage);
    if (!base) {
      throw new ImageResolutionException(
        ImageResolutionErrorCode.BaseImageMissing,
        `image ${this.baseImage} is not in the Docker engine (run scripts/build-base-image.sh)`,
      );
    }
    const baseHash = base.imageId.replace('sha256:', '');
    await this.images.recordUse({
      contentHash: baseHash,
      imageRef: this.baseImage,
      imageId: base.imageId,
      sizeBytes: base.sizeBytes,
      libraries: [],
    });
    this.logger.info(
      { contentHash, image: this.baseImage, buildEnqueued },
      'no specialized image: serving the base runtime',
    );
    return { imageRef: this.baseImage, imageHash: baseHash, match: ImageMatch.Base, buildEnqueued };
  }

  /** A cached image only if the engine still has it; a row whose image is gone is forgotten (the engine is the truth). */
  private async usable(image: ReadyImage | null): Promise<ReadyImage | null> {
    if (!image) return null;
    const inEngine = await this.engine.inspect(image.imageRef);
    if (inEngine && (!image.imageId || inEngine.imageId === image.imageId)) return image;
    await this.images.deleteByImage(image.imageRef, image.imageId);
    return null;
  }

  private async handOut(
    image: ReadyImage,
    imageHash: string,
    match: ImageMatch,
    buildEnqueued: boolean,
  ): Promise<ResolveImageReply> {
    await this.images.recordUse({
      contentHash: image.contentHash,
      imageRef: image.imageRef,
      imageId: image.imageId ?? '',
      sizeBytes: image.sizeBytes,
      libraries: image.libraries,
    });
    return { imageRef: image.imageRef, imageHash, match, buildEnqueued };
  }
}
