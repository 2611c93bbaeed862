import { Injectable } from '@nestjs/common';
import { InjectConfig } from '@tailor/config';
import { ImageMatch, ResolveImageReply, ResolveImageRequest, RuntimeProfile } from '@tailor/contracts';
import { type DockerConfig, dockerConfig } from '@tailor/docker';
import { BuildFailureReason } from '@tailor/image-builder';
import { libraryRefs, profileContentHash } from '@tailor/profiles';
import { PinoLogger } from 'nestjs-pino';

import { ImageBuildQueue } from '../builds/image-build-queue';
import { type BuildsConfig, buildsConfig, type ImagesConfig, imagesConfig } from '../config/factory-config.groups';
import { DataDigestService } from '../images/data-digests';
import { EngineImages } from '../images/engine-images';
import { ReadyImage, RuntimeImageRepository } from '../images/runtime-image.repository';
import { ImageResolutionErrorCode, ImageResolutionException } from './image-resolution.exception';

@Injectable()
export class ImageResolutionService {
  private readonly repository: string;
  private readonly baseImage: string;
  private readonly transientFailureTtlMs: number;

  constructor(
    private readonly images: RuntimeImageRepository,
    private readonly engine: EngineImages,
    private readonly builds: ImageBuildQueue,
    private readonly data: DataDigestService,
    private readonly logger: PinoLogger,
    @InjectConfig(dockerConfig) docker: DockerConfig,
    @InjectConfig(imagesConfig) imagesSettings: ImagesConfig,
    @InjectConfig(buildsConfig) buildsSettings: BuildsConfig,
  ) {
    this.repository = imagesSettings.repository;
    this.baseImage = docker.baseImage;
    this.transientFailureTtlMs = buildsSettings.transientFailureTtlMs;
  }

  /**
   * The image to run a profile on: its own specialized image when built (exact); else a build is enqueued (unless the
   * profile's build failed for good: then the failure answers; a transient failure only for
   * IMAGE_BUILD_TRANSIENT_FAILURE_TTL_MS) and the smallest cached image whose libraries cover the profile's serves
   * meanwhile (covering), or the generic base runtime (base). A profile that preloads data is looked up, and built, by
   * the hash that includes its files' contents (see imageHashOf).
   */
  async resolve({
    correlationId,
    contentHash: requestedHash,
    profile,
  }: ResolveImageRequest): Promise<ResolveImageReply> {
    const contentHash = await this.imageHashOf(requestedHash, profile);
    const exact = await this.usable(await this.images.findReady(contentHash));
    if (exact) return this.handOut(exact, contentHash, ImageMatch.Exact, false);

    const failure = await this.images.findFailure(contentHash, {
      prefix: `${BuildFailureReason.Transient}:`,
      ttlMs: this.transientFailureTtlMs,
    });
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
        `image ${this.baseImage} is not in the Docker engine (run tools/scripts/build-base-image.sh)`,
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

  /** The profile's hash, with its preloaded data files' contents in it when it has any (so a changed file is rebuilt). */
  private async imageHashOf(requestedHash: string, profile: RuntimeProfile): Promise<string> {
    if (profile.preloadedData.length === 0) return requestedHash;
    return profileContentHash(profile, await this.data.digests(profile.applicationId, profile.preloadedData));
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
