import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { RuntimeProfile } from '@tailor/contracts';
import { dockerConfig } from '@tailor/docker';
import {
  BuildFailure,
  BuildFailureReason,
  type DependencyInstaller,
  type ImageBuilder,
  RuntimeImageLabel,
} from '@tailor/image-builder';
import { defaultProfile, NpmLockfile, profileContentHash } from '@tailor/profiles';
import type { PinoLogger } from 'nestjs-pino';

import type { ImageCacheService } from '../cache/image-cache.service';
import { buildsConfig, imagesConfig } from '../config/factory-config.groups';
import type { FactoryEnv } from '../config/factory-env.schema';
import type { DataDigestService } from '../images/data-digests';
import type { EngineImage, EngineImages } from '../images/engine-images';
import type { RuntimeImageRepository } from '../images/runtime-image.repository';
import { BuildAttempt, ImageBuildService } from './image-build.service';

const REPOSITORY = 'tailor/runtime-test';
const profile: RuntimeProfile = {
  ...defaultProfile('app', 'GET /x', '20'),
  libraries: [{ name: 'ms', version: '~2.1.0' }],
  preload: ['ms'],
};
const contentHash = profileContentHash(profile);
const resolved: RuntimeProfile = { ...profile, libraries: [{ name: 'ms', version: '2.1.3' }] };
const resolvedHash = profileContentHash(resolved);
const LOCKFILE: NpmLockfile = { lockfileVersion: 3, packages: { '': {}, 'node_modules/ms': { version: '2.1.3' } } };

const attempt = (attemptsMade: number, attempts = 3): BuildAttempt => ({
  attemptsMade,
  attempts,
  progress: async () => undefined,
});

describe(ImageBuildService.name, () => {
  let workDir: string;
  let engineImages: Map<string, EngineImage>;
  let images: { findReady: jest.Mock; recordReady: jest.Mock; recordFailure: jest.Mock };
  let installer: { resolve: jest.Mock; install: jest.Mock };
  let builder: { build: jest.Mock };
  let cache: { evictUnderBudget: jest.Mock };
  let service: ImageBuildService;

  beforeEach(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'image-build-'));
    engineImages = new Map();
    images = {
      findReady: jest.fn(async () => null),
      recordReady: jest.fn(async () => undefined),
      recordFailure: jest.fn(async () => undefined),
    };
    installer = { resolve: jest.fn(async () => LOCKFILE), install: jest.fn(async () => undefined) };
    builder = { build: jest.fn(async () => ({ imageId: 'sha256:new', sizeBytes: 300 })) };
    cache = { evictUnderBudget: jest.fn(async () => undefined) };
    const engine = { inspect: jest.fn(async (ref: string) => engineImages.get(ref) ?? null) };
    const data = { digests: jest.fn(async () => ({})) };
    const env = {
      TAILOR_NAMESPACE: 'test',
      TAILOR_BASE_IMAGE: 'tailor/runtime:base',
      BUILD_WORK_DIR: workDir,
      RUNTIME_DATA_DIR: workDir,
    } as FactoryEnv;
    service = new ImageBuildService(
      images as unknown as RuntimeImageRepository,
      engine as unknown as EngineImages,
      installer as unknown as DependencyInstaller,
      builder as unknown as ImageBuilder,
      cache as unknown as ImageCacheService,
      data as unknown as DataDigestService,
      { info: jest.fn(), warn: jest.fn() } as unknown as PinoLogger,
      env.TAILOR_NAMESPACE,
      dockerConfig.select(env),
      imagesConfig.select(env),
      buildsConfig.select(env),
    );
  });

  afterEach(() => rm(workDir, { recursive: true, force: true }));

  const run = (at: BuildAttempt) => service.run({ correlationId: 'c-1', contentHash, profile }, at);

  describe('run', () => {
    it('should hand back the recorded image without installing when the engine still has it', async () => {
      const imageRef = `${REPOSITORY}:${contentHash}`;
      images.findReady.mockResolvedValue({
        contentHash,
        imageRef,
        imageId: 'sha256:old',
        sizeBytes: 10,
        libraries: [],
      });
      engineImages.set(imageRef, { imageId: 'sha256:old', imageRef, sizeBytes: 10, labels: {} });

      expect(await run(attempt(0))).toMatchObject({ imageRef, built: false, durationMs: 0 });
      expect(installer.resolve).not.toHaveBeenCalled();
    });

    it('should tag the image by its resolved hash, label it, record both hashes and evict under the budget', async () => {
      const outcome = await run(attempt(0));

      const imageRef = `${REPOSITORY}:${resolvedHash}`;
      expect(outcome).toMatchObject({ contentHash, resolvedHash, imageRef, imageId: 'sha256:new', built: true });
      const [, , tag, labels] = builder.build.mock.calls[0] as [string, string[], string, Record<string, string>];
      expect(tag).toBe(imageRef);
      expect(labels).toMatchObject({
        [RuntimeImageLabel.ProfileHash]: resolvedHash,
        [RuntimeImageLabel.RequestedHash]: contentHash,
        [RuntimeImageLabel.Libraries]: 'ms@2.1.3',
      });
      expect(images.recordReady.mock.calls.map(([row]: [{ contentHash: string }]) => row.contentHash)).toEqual([
        resolvedHash,
        contentHash,
      ]);
      expect(cache.evictUnderBudget).toHaveBeenCalledTimes(1);
    });

    it('should not build again an image of the same resolved profile the engine already has', async () => {
      const imageRef = `${REPOSITORY}:${resolvedHash}`;
      engineImages.set(imageRef, { imageId: 'sha256:same', imageRef, sizeBytes: 20, labels: {} });

      expect(await run(attempt(0))).toMatchObject({ imageRef, imageId: 'sha256:same', built: false });
      expect(installer.install).not.toHaveBeenCalled();
      expect(cache.evictUnderBudget).not.toHaveBeenCalled();
    });

    it('should record a permanent failure at once, and rethrow it', async () => {
      installer.resolve.mockRejectedValue(new BuildFailure(BuildFailureReason.PackageNotFound, 'nope'));

      await expect(run(attempt(0))).rejects.toMatchObject({ reason: BuildFailureReason.PackageNotFound });
      expect(images.recordFailure).toHaveBeenCalledWith(
        contentHash,
        `${REPOSITORY}:${contentHash}`,
        `${BuildFailureReason.PackageNotFound}: nope`,
      );
    });

    it('should record a transient failure only once the last attempt failed, any error counting as transient', async () => {
      installer.resolve.mockRejectedValue(new Error('socket hang up'));

      await expect(run(attempt(0))).rejects.toMatchObject({ reason: BuildFailureReason.Transient });
      expect(images.recordFailure).not.toHaveBeenCalled();

      await expect(run(attempt(2))).rejects.toBeInstanceOf(BuildFailure);
      expect(images.recordFailure).toHaveBeenCalledWith(
        contentHash,
        `${REPOSITORY}:${contentHash}`,
        `${BuildFailureReason.Transient}: socket hang up`,
      );
    });
  });
});
