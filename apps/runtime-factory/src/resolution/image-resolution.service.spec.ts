import { ImageMatch, RuntimeProfile } from '@tailor/contracts';
import { dockerConfig } from '@tailor/docker';
import { BuildFailureReason } from '@tailor/image-builder';
import { defaultProfile, profileContentHash } from '@tailor/profiles';
import type { PinoLogger } from 'nestjs-pino';

import type { ImageBuildQueue } from '../builds/image-build-queue';
import { buildsConfig, imagesConfig } from '../config/factory-config.groups';
import type { FactoryEnv } from '../config/factory-env.schema';
import type { DataDigestService } from '../images/data-digests';
import type { EngineImage, EngineImages } from '../images/engine-images';
import type { ReadyImage, RuntimeImageRepository } from '../images/runtime-image.repository';
import { ImageResolutionErrorCode, ImageResolutionException } from './image-resolution.exception';
import { ImageResolutionService } from './image-resolution.service';

const REPOSITORY = 'tailor/runtime-test';
const BASE_IMAGE = 'tailor/runtime:base';
const TRANSIENT_TTL_MS = 60_000;

const profileOf = (extra: Partial<RuntimeProfile> = {}): RuntimeProfile => ({
  ...defaultProfile('app', 'GET /x', '20'),
  ...extra,
});
const withMs = profileOf({ libraries: [{ name: 'ms', version: '2.1.3' }], preload: ['ms'] });

const readyImage = (contentHash: string, extra: Partial<ReadyImage> = {}): ReadyImage => ({
  contentHash,
  imageRef: `${REPOSITORY}:${contentHash}`,
  imageId: `sha256:${contentHash}`,
  sizeBytes: 100,
  libraries: ['ms@2.1.3'],
  lastUsedAt: null,
  ...extra,
});
const inEngine = (image: ReadyImage): EngineImage => ({
  imageId: image.imageId ?? '',
  imageRef: image.imageRef,
  sizeBytes: image.sizeBytes,
  labels: {},
});
const BASE: EngineImage = { imageId: 'sha256:base', imageRef: BASE_IMAGE, sizeBytes: 50, labels: {} };

describe(ImageResolutionService.name, () => {
  let rows: Map<string, ReadyImage>;
  let covering: ReadyImage | null;
  let failure: string | null;
  let engineImages: Map<string, EngineImage>;
  let images: Record<'findReady' | 'findFailure' | 'findSmallestCovering' | 'recordUse' | 'deleteByImage', jest.Mock>;
  let builds: { enqueue: jest.Mock };
  let digests: { digests: jest.Mock };
  let service: ImageResolutionService;

  beforeEach(() => {
    rows = new Map();
    covering = null;
    failure = null;
    engineImages = new Map([[BASE_IMAGE, BASE]]);
    images = {
      findReady: jest.fn(async (hash: string) => rows.get(hash) ?? null),
      findFailure: jest.fn(async () => failure),
      findSmallestCovering: jest.fn(async () => covering),
      recordUse: jest.fn(async () => undefined),
      deleteByImage: jest.fn(async () => 1),
    };
    const engine = { inspect: jest.fn(async (ref: string) => engineImages.get(ref) ?? null) };
    builds = { enqueue: jest.fn(async () => undefined) };
    digests = {
      digests: jest.fn(async (_app: string, files: string[]) => Object.fromEntries(files.map((f) => [f, 'd']))),
    };
    const env = {
      TAILOR_NAMESPACE: 'test',
      TAILOR_BASE_IMAGE: BASE_IMAGE,
      IMAGE_BUILD_TRANSIENT_FAILURE_TTL_MS: TRANSIENT_TTL_MS,
    } as FactoryEnv;
    const logger = { info: jest.fn(), warn: jest.fn() } as unknown as PinoLogger;
    service = new ImageResolutionService(
      images as unknown as RuntimeImageRepository,
      engine as unknown as EngineImages,
      builds as unknown as ImageBuildQueue,
      digests as unknown as DataDigestService,
      logger,
      dockerConfig.select(env),
      imagesConfig.select(env),
      buildsConfig.select(env),
    );
  });

  const resolve = (profile: RuntimeProfile) =>
    service.resolve({ correlationId: 'c-1', contentHash: profileContentHash(profile), profile });

  describe('resolve', () => {
    it("should hand out the profile's own image when it is cached and in the engine, and build nothing", async () => {
      const own = readyImage(profileContentHash(withMs));
      rows.set(own.contentHash, own);
      engineImages.set(own.imageRef, inEngine(own));

      expect(await resolve(withMs)).toEqual({
        imageRef: own.imageRef,
        imageHash: own.contentHash,
        match: ImageMatch.Exact,
        buildEnqueued: false,
      });
      expect(builds.enqueue).not.toHaveBeenCalled();
      expect(images.recordUse).toHaveBeenCalledWith(expect.objectContaining({ contentHash: own.contentHash }));
    });

    it('should forget a cached image the engine lost, or one the engine holds under another id, and build it again', async () => {
      const lost = readyImage(profileContentHash(withMs));
      rows.set(lost.contentHash, lost);
      engineImages.set(lost.imageRef, { ...inEngine(lost), imageId: 'sha256:other' });

      expect(await resolve(withMs)).toMatchObject({ match: ImageMatch.Base, buildEnqueued: true });
      expect(images.deleteByImage).toHaveBeenCalledWith(lost.imageRef, lost.imageId);
    });

    it('should enqueue a build with the request and serve the smallest covering image meanwhile', async () => {
      covering = readyImage('bigger', { libraries: ['is-number@7.0.0', 'ms@2.1.3'] });
      engineImages.set(covering.imageRef, inEngine(covering));

      expect(await resolve(withMs)).toEqual({
        imageRef: covering.imageRef,
        imageHash: 'bigger',
        match: ImageMatch.Covering,
        buildEnqueued: true,
      });
      expect(builds.enqueue).toHaveBeenCalledWith({
        correlationId: 'c-1',
        contentHash: profileContentHash(withMs),
        profile: withMs,
      });
      expect(images.findSmallestCovering).toHaveBeenCalledWith(REPOSITORY, ['ms@2.1.3']);
    });

    it('should serve the base runtime, recorded by its image id, when no cached image covers the profile', async () => {
      expect(await resolve(withMs)).toEqual({
        imageRef: BASE_IMAGE,
        imageHash: 'base',
        match: ImageMatch.Base,
        buildEnqueued: true,
      });
      expect(images.recordUse).toHaveBeenCalledWith({
        contentHash: 'base',
        imageRef: BASE_IMAGE,
        imageId: 'sha256:base',
        sizeBytes: 50,
        libraries: [],
      });
    });

    it('should not build again a profile whose build failed, a transient failure only within its time to live', async () => {
      failure = `${BuildFailureReason.PackageNotFound}: nope`;

      expect(await resolve(withMs)).toMatchObject({ match: ImageMatch.Base, buildEnqueued: false });
      expect(builds.enqueue).not.toHaveBeenCalled();
      expect(images.findFailure).toHaveBeenCalledWith(profileContentHash(withMs), {
        prefix: `${BuildFailureReason.Transient}:`,
        ttlMs: TRANSIENT_TTL_MS,
      });
    });

    it('should build nothing for a profile without libraries or data: the base runtime is its image', async () => {
      expect(await resolve(profileOf())).toMatchObject({ match: ImageMatch.Base, buildEnqueued: false });
      expect(builds.enqueue).not.toHaveBeenCalled();
      expect(images.findSmallestCovering).not.toHaveBeenCalled();
    });

    it("should look up and build a profile that preloads data by the hash that includes its files' digests", async () => {
      const withData = profileOf({ preloadedData: ['greeting.txt'] });
      const dataHash = profileContentHash(withData, { 'greeting.txt': 'd' });

      expect(await resolve(withData)).toMatchObject({ match: ImageMatch.Base, buildEnqueued: true });
      expect(digests.digests).toHaveBeenCalledWith('app', ['greeting.txt']);
      expect(images.findReady).toHaveBeenCalledWith(dataHash);
      expect(builds.enqueue).toHaveBeenCalledWith(expect.objectContaining({ contentHash: dataHash }));
    });

    it('should fail with BASE_IMAGE_MISSING when the engine has no base runtime to fall back on', async () => {
      engineImages.delete(BASE_IMAGE);

      const error = await resolve(withMs).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ImageResolutionException);
      expect((error as ImageResolutionException).code).toBe(ImageResolutionErrorCode.BaseImageMissing);
    });
  });
});
