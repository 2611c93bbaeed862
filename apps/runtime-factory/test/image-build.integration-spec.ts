import type { INestApplicationContext } from '@nestjs/common';
import { ImageMatch, RuntimeProfile, RuntimeProfileSchema } from '@tailor/contracts';
import { dockerConfig } from '@tailor/docker';
import { BuildFailureReason, ImageBuilder, RuntimeImageLabel } from '@tailor/image-builder';
import { defaultProfile, profileContentHash } from '@tailor/profiles';
import {
  createTestDatabase,
  removeNamespaceFromEngine,
  startRuntimeContainer,
  TestDatabase,
  uniqueNamespace,
} from '@tailor/testing';
import Docker from 'dockerode';
import { PinoLogger } from 'nestjs-pino';

import { ImageCacheService } from '../src/cache/image-cache.service';
import { cacheConfig, imagesConfig } from '../src/config/factory-config.groups';
import type { FactoryEnv } from '../src/config/factory-env.schema';
import { EngineImages } from '../src/images/engine-images';
import { RuntimeImageRepository } from '../src/images/runtime-image.repository';
import { ImageResolutionService } from '../src/resolution/image-resolution.service';
import { startFactoryReplicas, stopFactoryReplicas } from './factory-test-context';

const docker = new Docker({ socketPath: '/var/run/docker.sock' });

const profileOf = (libraries: Record<string, string>, extra: Partial<RuntimeProfile> = {}): RuntimeProfile =>
  RuntimeProfileSchema.parse({
    ...defaultProfile('factory-test', 'GET /thing', '20'),
    libraries: Object.entries(libraries).map(([name, version]) => ({ name, version })),
    preload: Object.keys(libraries),
    ...extra,
  });

describe(ImageResolutionService.name, () => {
  const namespace = uniqueNamespace('factory');
  let database: TestDatabase;
  let replicas: INestApplicationContext[];
  let resolution: ImageResolutionService[];
  let images: RuntimeImageRepository;
  const builds = jest.spyOn(ImageBuilder.prototype, 'build');

  const resolve = (profile: RuntimeProfile, replica = 0) =>
    resolution[replica].resolve({ correlationId: 'test', contentHash: profileContentHash(profile), profile });

  /** Waits until the build of `profile` is recorded, ready or failed. */
  const settled = async (profile: RuntimeProfile) => {
    const hash = profileContentHash(profile);
    for (let waited = 0; waited < 180_000; waited += 100) {
      const ready = await images.findReady(hash);
      if (ready) return { ready, failure: null };
      const failure = await images.findFailure(hash);
      if (failure) return { ready: null, failure };
      await new Promise((done) => setTimeout(done, 100));
    }
    throw new Error(`the build of ${hash} did not settle`);
  };

  const readyImage = async (profile: RuntimeProfile) => {
    const { ready, failure } = await settled(profile);
    if (!ready) throw new Error(`the build failed: ${failure}`);
    return ready;
  };

  const small = profileOf({ ms: '2.1.3' });
  const pair = profileOf({ ms: '2.1.3', 'is-number': '7.0.0' });
  const triple = profileOf({ ms: '2.1.3', 'is-number': '7.0.0', kleur: '4.1.5' });

  beforeAll(async () => {
    database = await createTestDatabase();
    replicas = await startFactoryReplicas({ DATABASE_URL: database.url, TAILOR_NAMESPACE: namespace }, 2);
    resolution = replicas.map((app) => app.get(ImageResolutionService));
    images = replicas[0].get(RuntimeImageRepository);
  });

  afterAll(async () => {
    await stopFactoryReplicas(replicas);
    await removeNamespaceFromEngine(docker, namespace);
    await database?.drop();
  });

  describe('resolve', () => {
    it('should serve the base runtime, enqueue a build and build an image with the real npm packages, labelled', async () => {
      const reply = await resolve(small);
      expect(reply).toMatchObject({ match: ImageMatch.Base, imageRef: 'tailor/runtime:base', buildEnqueued: true });

      const ready = await readyImage(small);
      expect(ready).toMatchObject({
        libraries: ['ms@2.1.3'],
        imageRef: `tailor/runtime-${namespace}:${profileContentHash(small)}`,
      });
      const inspected = await docker.getImage(ready.imageRef).inspect();
      expect(inspected.Config.Labels).toMatchObject({
        [RuntimeImageLabel.Managed]: 'true',
        [RuntimeImageLabel.Namespace]: namespace,
        [RuntimeImageLabel.ProfileHash]: profileContentHash(small),
        [RuntimeImageLabel.Libraries]: 'ms@2.1.3',
      });
      expect(JSON.parse(inspected.Config.Labels[RuntimeImageLabel.Profile])).toMatchObject({
        libraries: ['ms@2.1.3'],
        preload: ['ms'],
      });
      expect(ready.sizeBytes).toBe(inspected.Size);
    });

    it('should answer the same profile from the cache (exact), without building again', async () => {
      const before = builds.mock.calls.length;
      const reply = await resolve(small, 1);
      expect(reply).toMatchObject({
        match: ImageMatch.Exact,
        imageHash: profileContentHash(small),
        buildEnqueued: false,
      });
      expect(builds.mock.calls.length).toBe(before);
      const row = await replicas[0].get(ImageCacheService).reconcile();
      expect(row).toEqual({ forgotten: 0, adopted: 0 });
    });

    it('should build a new profile exactly once for 20 concurrent requests across two replicas', async () => {
      const before = builds.mock.calls.length;
      const replies = await Promise.all(Array.from({ length: 20 }, (_, index) => resolve(pair, index % 2)));
      expect(replies.every((reply) => reply.buildEnqueued && reply.match !== ImageMatch.Exact)).toBe(true);

      const { ready } = await settled(pair);
      expect(ready).not.toBeNull();
      expect(await resolve(pair)).toMatchObject({ match: ImageMatch.Exact });
      expect(builds.mock.calls.length - before).toBe(1);
      const tagged = await docker.listImages({
        filters: JSON.stringify({ label: [`${RuntimeImageLabel.ProfileHash}=${profileContentHash(pair)}`] }),
      });
      expect(tagged).toHaveLength(1);
    });

    it('should record a profile naming a package that does not exist as a failed build, and answer from the failure', async () => {
      const missing = profileOf({ 'tailor-no-such-package-zq9x7': '1.0.0' });
      expect(await resolve(missing)).toMatchObject({ match: ImageMatch.Base, buildEnqueued: true });
      const { failure } = await settled(missing);
      expect(failure).toContain(BuildFailureReason.PackageNotFound);
      expect(failure).toContain('tailor-no-such-package-zq9x7');

      const before = builds.mock.calls.length;
      expect(await resolve(missing, 1)).toMatchObject({ match: ImageMatch.Base, buildEnqueued: false });
      expect(builds.mock.calls.length).toBe(before);
    });

    it('should record a version that does not exist as a failed build with that reason', async () => {
      const missing = profileOf({ ms: '99.99.99' });
      await resolve(missing);
      expect((await settled(missing)).failure).toContain(BuildFailureReason.VersionNotFound);
    });

    it('should resolve ranges to exact versions through the lockfile and share the image of the exact profile', async () => {
      const ranged = profileOf({ ms: '~2.1.3' });
      await resolve(ranged);
      const { ready } = await settled(ranged);
      expect(ready).toMatchObject({
        libraries: ['ms@2.1.3'],
        imageRef: `tailor/runtime-${namespace}:${profileContentHash(small)}`,
      });
    });

    it('should serve the smallest cached image whose libraries cover the profile while its own is built', async () => {
      await resolve(triple);
      await settled(triple);
      const onlyIsNumber = profileOf({ 'is-number': '7.0.0' });
      const reply = await resolve(onlyIsNumber);
      expect(reply).toMatchObject({
        match: ImageMatch.Covering,
        imageHash: profileContentHash(pair),
        buildEnqueued: true,
      });
      expect(reply.imageRef).toBe(`tailor/runtime-${namespace}:${profileContentHash(pair)}`);
      await settled(onlyIsNumber);
    });
  });

  describe(ImageCacheService.name, () => {
    it('should keep the cache table consistent with the engine: forget lost images, adopt labelled ones', async () => {
      const cache = replicas[0].get(ImageCacheService);
      const lost = await readyImage(small);
      await docker.getImage(lost.imageRef).remove({ force: true });
      const orphan = await readyImage(pair);
      await images.deleteByImage(orphan.imageRef, orphan.imageId);

      const result = await cache.reconcile();

      expect(result.forgotten).toBeGreaterThanOrEqual(1);
      expect(result.adopted).toBe(1);
      expect(await images.findReady(profileContentHash(small))).toBeNull();
      expect(await images.findReady(profileContentHash(pair))).toMatchObject({
        imageRef: orphan.imageRef,
        imageId: orphan.imageId,
        libraries: ['is-number@7.0.0', 'ms@2.1.3'],
      });
    });

    it('should evict least recently used images past the budget and never one a running container uses', async () => {
      const app = replicas[0];
      const engine = app.get(EngineImages);
      const env = {
        TAILOR_NAMESPACE: namespace,
        TAILOR_BASE_IMAGE: 'tailor/runtime:base',
        IMAGE_CACHE_BUDGET_BYTES: 0,
      } as FactoryEnv;
      const cache = new ImageCacheService(
        images,
        engine,
        await app.resolve(PinoLogger),
        namespace,
        dockerConfig.select(env),
        imagesConfig.select(env),
        cacheConfig.select(env),
      );
      const inUse = await readyImage(triple);
      const container = await startRuntimeContainer(docker, { image: inUse.imageRef, namespace });
      try {
        const before = await engine.listRuntimeImages(namespace);
        const result = await cache.evictUnderBudget();

        expect(result.keptInUse).toEqual([inUse.imageRef]);
        expect(result.evicted.length).toBe(before.length - 1);
        expect(await engine.inspect(inUse.imageRef)).not.toBeNull();
        expect(await images.findReady(profileContentHash(triple))).not.toBeNull();
        expect(await engine.listRuntimeImages(namespace)).toHaveLength(1);
        expect(await images.findReady(profileContentHash(pair))).toBeNull();
        expect(result.usedBytes).toBeLessThan(before.reduce((sum, image) => sum + image.sizeBytes, 0));
        expect(await resolve(small)).toMatchObject({
          match: ImageMatch.Covering,
          imageRef: inUse.imageRef,
          buildEnqueued: true,
        });
      } finally {
        await container.remove();
      }
    });
  });
});
