import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';

import { Injectable } from '@nestjs/common';
import { InjectConfig, InjectNamespace } from '@tailor/config';
import type { BuildImageJob } from '@tailor/contracts';
import { type DockerConfig, dockerConfig } from '@tailor/docker';
import {
  baseSupportsSnapshot,
  BuildFailure,
  BuildFailureReason,
  DependencyInstaller,
  ImageBuilder,
  preloadManifest,
  runtimeImageLabels,
  writeBuildContext,
} from '@tailor/image-builder';
import { canonicalProfile, libraryRefs, profileContentHash, resolveProfile } from '@tailor/profiles';
import { PinoLogger } from 'nestjs-pino';

import { ImageCacheService } from '../cache/image-cache.service';
import { type BuildsConfig, buildsConfig, type ImagesConfig, imagesConfig } from '../config/factory-config.groups';
import { DataDigestService } from '../images/data-digests';
import { EngineImages } from '../images/engine-images';
import { RuntimeImageRepository } from '../images/runtime-image.repository';

export interface BuildAttempt {
  attemptsMade: number;
  attempts: number;
  progress(percent: number): Promise<void>;
}

export interface BuildOutcome {
  contentHash: string;
  resolvedHash: string;
  imageRef: string;
  imageId: string;
  sizeBytes: number;
  /** false when the engine already had the image (same resolved profile, or built before) */
  built: boolean;
  durationMs: number;
}

/** Builds the specialized image of a profile: resolve (lockfile), install (npm ci, npm cache), build (dockerode), record. */
@Injectable()
export class ImageBuildService {
  private readonly namespace: string;
  private readonly repository: string;
  private readonly baseImage: string;
  private readonly workDir: string;
  private readonly dataRoot: string;

  constructor(
    private readonly images: RuntimeImageRepository,
    private readonly engine: EngineImages,
    private readonly installer: DependencyInstaller,
    private readonly builder: ImageBuilder,
    private readonly cache: ImageCacheService,
    private readonly data: DataDigestService,
    private readonly logger: PinoLogger,
    @InjectNamespace() namespace: string,
    @InjectConfig(dockerConfig) docker: DockerConfig,
    @InjectConfig(imagesConfig) imagesSettings: ImagesConfig,
    @InjectConfig(buildsConfig) buildsSettings: BuildsConfig,
  ) {
    this.namespace = namespace;
    this.repository = imagesSettings.repository;
    this.baseImage = docker.baseImage;
    this.workDir = buildsSettings.workDir;
    this.dataRoot = imagesSettings.dataDir;
  }

  /**
   * One attempt of a build job. A permanent failure, or the last attempt's transient one, is recorded in the cache table
   * with its reason (and answered from by the resolver) before it is rethrown.
   */
  async run(job: BuildImageJob, attempt: BuildAttempt): Promise<BuildOutcome> {
    try {
      return await this.build(job, attempt);
    } catch (error) {
      const failure =
        error instanceof BuildFailure
          ? error
          : new BuildFailure(BuildFailureReason.Transient, error instanceof Error ? error.message : String(error));
      if (failure.permanent || attempt.attemptsMade + 1 >= attempt.attempts) {
        await this.images.recordFailure(job.contentHash, `${this.repository}:${job.contentHash}`, failure.message);
        this.logger.warn({ contentHash: job.contentHash, reason: failure.message }, 'image build failed for good');
      }
      throw failure;
    }
  }

  private async build({ contentHash, profile }: BuildImageJob, attempt: BuildAttempt): Promise<BuildOutcome> {
    const started = performance.now();
    const existing = await this.images.findReady(contentHash);
    if (existing && existing.imageId && (await this.engine.inspect(existing.imageRef))) {
      return {
        contentHash,
        resolvedHash: contentHash,
        imageRef: existing.imageRef,
        imageId: existing.imageId,
        sizeBytes: existing.sizeBytes,
        built: false,
        durationMs: 0,
      };
    }

    await mkdir(this.workDir, { recursive: true });
    const dir = await mkdtemp(join(this.workDir, `${contentHash.slice(0, 12)}-`));
    try {
      const appDir = join(dir, 'app');
      await mkdir(appDir);
      const lockfile = await this.installer.resolve(appDir, profile);
      const resolved = resolveProfile(profile, lockfile);
      const dataDigests = await this.data.digests(profile.applicationId, profile.preloadedData);
      const resolvedHash = profileContentHash(resolved, dataDigests);
      const libraries = libraryRefs(resolved.libraries);
      const imageRef = `${this.repository}:${resolvedHash}`;
      await attempt.progress(25);

      let image = await this.engine.inspect(imageRef);
      const built = !image;
      if (!image) {
        await this.installer.install(appDir);
        await attempt.progress(60);
        const base = await this.engine.inspect(this.baseImage);
        const entries = await writeBuildContext(dir, {
          baseImage: this.baseImage,
          snapshot: base !== null && baseSupportsSnapshot(base.labels),
          manifest: preloadManifest(resolved, resolvedHash, libraries),
          dataRoot: this.dataRoot,
          applicationId: profile.applicationId,
        });
        const labels = runtimeImageLabels({
          namespace: this.namespace,
          profileHash: resolvedHash,
          requestedHash: contentHash,
          libraries,
          canonicalProfile: canonicalProfile(resolved, dataDigests),
        });
        const { imageId, sizeBytes } = await this.builder.build(dir, entries, imageRef, labels);
        image = { imageId, imageRef, sizeBytes, labels: {} };
      }
      await attempt.progress(90);

      const record = { imageRef, imageId: image.imageId, sizeBytes: image.sizeBytes, libraries };
      await this.images.recordReady({ ...record, contentHash: resolvedHash });
      if (resolvedHash !== contentHash) await this.images.recordReady({ ...record, contentHash });
      const durationMs = Math.round(performance.now() - started);
      this.logger.info(
        { contentHash, resolvedHash, imageRef, sizeBytes: image.sizeBytes, built, durationMs },
        'runtime image ready',
      );
      if (built) await this.cache.evictUnderBudget();
      await attempt.progress(100);
      return {
        contentHash,
        resolvedHash,
        imageRef,
        imageId: image.imageId,
        sizeBytes: image.sizeBytes,
        built,
        durationMs,
      };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
}
