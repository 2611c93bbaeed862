import { PrismaPg } from '@prisma/adapter-pg';
import { QueueName } from '@tailor/contracts';
import { PrismaClient } from '@tailor/prisma';
import { createTailorClient, type TailorClient } from '@tailor/sdk';
import {
  createTestDatabase,
  readExampleFunction,
  removeNamespaceFromEngine,
  type RunningEnvironment,
  runningEnvironment,
  ServiceProcess,
  startServiceProcess,
  TestDatabase,
  uniqueNamespace,
  waitFor,
} from '@tailor/testing';
import { Queue } from 'bullmq';
import Docker from 'dockerode';
import Redis from 'ioredis';

import { storeModelProfile, type StoredProfile } from './stored-profile';

const docker = new Docker({ socketPath: '/var/run/docker.sock' });
const BUILD_TIMEOUT_MS = 240_000;
/** BullMQ states of a job no worker has taken yet */
const NOT_STARTED = ['waiting', 'paused', 'prioritized', 'delayed'];

describe('specialized images through the real stack (runtime-factory builds, provisioner hands out)', () => {
  const namespace = uniqueNamespace('specialized');
  const renderer = readExampleFunction('template-renderer');
  let database: TestDatabase;
  let prisma: PrismaClient;
  let redis: Redis;
  let buildQueue: Queue;
  let services: ServiceProcess[];
  let tailor: TailorClient;
  const handedOut: RunningEnvironment[] = [];

  /** The image the factory builds for a profile, once its build is recorded as ready. */
  const builtImage = (stored: StoredProfile) =>
    waitFor(() => prisma.runtimeImage.findFirst({ where: { contentHash: stored.contentHash, status: 'ready' } }), {
      timeoutMs: BUILD_TIMEOUT_MS,
      intervalMs: 500,
      what: `the build of ${stored.contentHash}`,
    });

  const provision = async (applicationId: string, endpointId: string) => {
    const environment = runningEnvironment(await tailor.provision({ applicationId, endpointId }));
    handedOut.push(environment);
    return environment;
  };

  const imageOfContainer = async (environment: RunningEnvironment) => {
    const container = await docker.getContainer(environment.container.id).inspect();
    return { running: container.State.Running, image: container.Config.Image, imageId: container.Image };
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: database.url }) });
    redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: null });
    buildQueue = new Queue(QueueName.ImageBuild, { connection: redis, prefix: namespace });
    const env = { DATABASE_URL: database.url, TAILOR_NAMESPACE: namespace };
    // no predictor: it serves the default profile until a model is promoted, so the provisioner serves the stored
    // (last known) model profile of each endpoint, which names real npm libraries
    services = await Promise.all([
      startServiceProcess('runtime-factory', env),
      startServiceProcess('provisioner', {
        ...env,
        PREDICT_TIMEOUT_MS: '200',
        DEPENDENCY_TIMEOUT_MS: '20000',
        POOL_REACTIVE_FLOOR: '0',
        POOL_MEMORY_BUDGET_MB: '0',
      }),
    ]);
    tailor = createTailorClient({
      provisionerUrl: services[1].url,
      factoryUrl: services[0].url,
      ingestUrl: 'http://127.0.0.1:9',
      predictorUrl: 'http://127.0.0.1:9',
    });
  }, 180_000);

  afterAll(async () => {
    await Promise.all(handedOut.map((environment) => tailor.release(environment.id).catch(() => undefined)));
    await Promise.all(services?.map((service) => service.stop()) ?? []);
    await buildQueue?.obliterate({ force: true }).catch(() => undefined);
    await buildQueue?.close();
    redis?.disconnect();
    await removeNamespaceFromEngine(docker, namespace);
    await prisma?.$disconnect();
    await database?.drop();
  });

  describe("a profile with the template-renderer example's libraries", () => {
    const applicationId = 'blog';
    const endpointId = 'POST /render';
    let stored: StoredProfile;
    let fallback: RunningEnvironment;
    let buildStateAtAnswer: string;
    let specialized: RunningEnvironment;

    beforeAll(async () => {
      stored = await storeModelProfile(prisma, { applicationId, endpointId, libraries: renderer.libraries });
      // the builders are held: whatever the provisioner answers, it answers while the build cannot have finished
      await buildQueue.pause();
      fallback = await provision(applicationId, endpointId);
      buildStateAtAnswer = await buildQueue.getJobState(stored.contentHash);
    });

    describe('the first provision, before its image is built', () => {
      it('should answer cold_fallback on the base image at once, with the build enqueued and not finished', async () => {
        expect(fallback).toMatchObject({
          state: 'running',
          path: 'cold_fallback',
          image: { ref: 'tailor/runtime:base', match: 'base' },
          profile: { source: 'model', value: { libraries: renderer.libraries } },
          resolution: { profileSource: 'last_known', imageMatch: 'base', buildEnqueued: true, warm: false },
        });
        expect(NOT_STARTED).toContain(buildStateAtAnswer);
        expect(await prisma.runtimeImage.count({ where: { contentHash: stored.contentHash } })).toBe(0);
      });

      it('should run the base image', async () => {
        expect(await imageOfContainer(fallback)).toMatchObject({ running: true, image: 'tailor/runtime:base' });
      });
    });

    describe('the next provision, once the build has finished', () => {
      let image: { imageRef: string; imageId: string | null; libraries: string[] };

      beforeAll(async () => {
        await buildQueue.resume();
        image = await builtImage(stored);
        specialized = await provision(applicationId, endpointId);
      }, BUILD_TIMEOUT_MS + 30_000);

      it('should have built the image of the example function, with its libraries', () => {
        expect(image.imageRef).toBe(`tailor/runtime-${namespace}:${stored.contentHash}`);
        expect([...image.libraries].sort()).toEqual(
          renderer.libraries.map((library) => `${library.name}@${library.version}`).sort(),
        );
      });

      it('should answer cold_specialized on the exact image, with no build enqueued', () => {
        expect(specialized).toMatchObject({
          state: 'running',
          path: 'cold_specialized',
          image: { ref: image.imageRef, hash: stored.contentHash, match: 'exact' },
          resolution: { profileSource: 'last_known', imageMatch: 'exact', buildEnqueued: false, warm: false },
        });
      });

      it('should run that image in its container', async () => {
        expect(await imageOfContainer(specialized)).toEqual({
          running: true,
          image: image.imageRef,
          imageId: image.imageId,
        });
      });

      it('should run the example function with its libraries preloaded by the image', async () => {
        await tailor.load(specialized.id, { source: renderer.source });
        const invocation = await tailor.invoke(specialized.id, renderer.event);
        const { html } = invocation.result as { html: string };
        expect(html).toContain(`<h1>${renderer.event.title}</h1>`);
        expect(html).toContain('<strong>libraries</strong>');
        expect(invocation).toMatchObject({ librariesMissed: [], preloadsUnused: [] });
      });

      it('should record the provision as cold on the image that was predicted', async () => {
        const feedback = await prisma.feedback.findFirstOrThrow({
          where: { environmentId: specialized.id, kind: 'provision' },
        });
        expect(feedback).toMatchObject({ outcome: 'cold', imageUsedHash: stored.contentHash });
      });
    });
  });

  describe('a profile whose libraries a built image covers', () => {
    const applicationId = 'blog';
    const endpointId = 'POST /markdown';
    let stored: StoredProfile;
    let rendererImage: string;
    let covering: RunningEnvironment;
    let buildStateAtAnswer: string;

    beforeAll(async () => {
      rendererImage = (
        await prisma.runtimeImage.findFirstOrThrow({
          where: { imageRef: { startsWith: `tailor/runtime-${namespace}:` } },
        })
      ).imageRef;
      const marked = renderer.libraries.filter((library) => library.name === 'marked');
      stored = await storeModelProfile(prisma, { applicationId, endpointId, libraries: marked });
      await buildQueue.pause();
      covering = await provision(applicationId, endpointId);
      buildStateAtAnswer = await buildQueue.getJobState(stored.contentHash);
    });

    it('should answer cold_fallback on the covering image while its own build waits', async () => {
      expect(covering).toMatchObject({
        path: 'cold_fallback',
        image: { ref: rendererImage, match: 'covering' },
        resolution: { imageMatch: 'covering', buildEnqueued: true, warm: false },
      });
      expect(NOT_STARTED).toContain(buildStateAtAnswer);
      expect(await imageOfContainer(covering)).toMatchObject({ running: true, image: rendererImage });
    });

    it(
      'should hand out its own image once the build has finished',
      async () => {
        await buildQueue.resume();
        const image = await builtImage(stored);
        const exact = await provision(applicationId, endpointId);
        expect(exact).toMatchObject({ path: 'cold_specialized', image: { ref: image.imageRef, match: 'exact' } });
        expect(image.imageRef).not.toBe(rendererImage);
        expect(await imageOfContainer(exact)).toMatchObject({ running: true, image: image.imageRef });
      },
      BUILD_TIMEOUT_MS + 30_000,
    );
  });
});
