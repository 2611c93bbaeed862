import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@tailor/prisma';
import { createTailorClient, type TailorClient } from '@tailor/sdk';
import {
  createTestDatabase,
  type DockerEngineProcess,
  removeNamespaceFromEngine,
  type RunningEnvironment,
  runningEnvironment,
  ServiceProcess,
  startDockerEngine,
  startServiceProcess,
  TestDatabase,
  uniqueNamespace,
  waitFor,
} from '@tailor/testing';
import Docker from 'dockerode';

import { storeModelProfile, type StoredProfile } from './stored-profile';

const MACHINE_SOCKET = '/var/run/docker.sock';
const BASE_IMAGE = 'tailor/runtime:base';
const ENGINE_LIMIT_MB = 512;
const SMALL_MB = 128;

describe('runtimes placed on two Docker engines (DOCKER_HOSTS)', () => {
  const namespace = uniqueNamespace('engines');
  const machine = { socketPath: MACHINE_SOCKET, docker: new Docker({ socketPath: MACHINE_SOCKET }) };
  let second: DockerEngineProcess;
  let database: TestDatabase;
  let prisma: PrismaClient;
  let services: ServiceProcess[];
  let tailor: TailorClient;
  const handedOut: RunningEnvironment[] = [];

  const provision = async (applicationId: string, endpointId: string) => {
    const environment = runningEnvironment(await tailor.provision({ applicationId, endpointId }));
    handedOut.push(environment);
    return environment;
  };
  /** The engine a container really runs on (asked of both engines) and the one Postgres recorded. */
  const placementOf = async (environment: RunningEnvironment) => {
    const [onMachine, onSecond] = await Promise.all(
      [machine, second].map((engine) =>
        engine.docker
          .getContainer(environment.container.id)
          .inspect()
          .then((container) => ({ running: container.State.Running, image: container.Config.Image }))
          .catch(() => null),
      ),
    );
    const stored = await prisma.environment.findUniqueOrThrow({ where: { id: environment.id } });
    return {
      engine: onMachine ? machine.socketPath : onSecond ? second.socketPath : null,
      container: onMachine ?? onSecond,
      recorded: stored.dockerHost,
    };
  };
  const hasImage = (docker: Docker, imageRef: string) =>
    docker
      .getImage(imageRef)
      .inspect()
      .then(() => true)
      .catch(() => false);

  beforeAll(async () => {
    second = await startDockerEngine(namespace);
    await second.loadImages(machine.docker, [BASE_IMAGE]);
    database = await createTestDatabase();
    prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: database.url }) });
    const env = { DATABASE_URL: database.url, TAILOR_NAMESPACE: namespace };
    // no predictor: endpoints without a stored profile get the default (256 MB), the stored one serves as last known;
    // the runtime-factory builds on the machine's engine only
    services = await Promise.all([
      startServiceProcess('runtime-factory', env),
      startServiceProcess('provisioner', {
        ...env,
        DOCKER_HOSTS: `${machine.socketPath},${second.socketPath}`,
        HOST_MEMORY_LIMIT_MB: String(ENGINE_LIMIT_MB),
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
    await removeNamespaceFromEngine(machine.docker, namespace);
    await second?.stop();
    await prisma?.$disconnect();
    await database?.drop();
  });

  describe('by free memory', () => {
    let first: RunningEnvironment;
    let next: RunningEnvironment;

    beforeAll(async () => {
      first = await provision('hotel', 'GET /rooms');
      next = await provision('hotel', 'GET /guests');
    });

    it('should place the next runtime on the engine with more memory free, and record where', async () => {
      const [firstPlacement, nextPlacement] = await Promise.all([placementOf(first), placementOf(next)]);
      expect(firstPlacement.engine).not.toBeNull();
      expect(nextPlacement.engine).not.toBeNull();
      expect(nextPlacement.engine).not.toBe(firstPlacement.engine);
      for (const placement of [firstPlacement, nextPlacement]) {
        expect(placement).toMatchObject({
          recorded: placement.engine,
          container: { running: true, image: BASE_IMAGE },
        });
      }
    });

    it('should hand out runtimes of the second engine that answer where the environment says', async () => {
      const onSecond = (await placementOf(first)).engine === second.socketPath ? first : next;
      const health = await fetch(`${onSecond.endpoint.url}/health`);
      expect(await health.json()).toMatchObject({ status: 'ready', environmentId: onSecond.id });
    });
  });

  describe('by image locality', () => {
    let stored: StoredProfile;
    let specializedImage: string;

    beforeAll(async () => {
      stored = await storeModelProfile(prisma, {
        applicationId: 'hotel',
        endpointId: 'GET /stays',
        libraries: [{ name: 'ms', version: '2.1.3' }],
        memoryMb: SMALL_MB,
      });
      // its first provision runs on the base image and enqueues the build (on the machine's engine)
      const fallback = await provision('hotel', 'GET /stays');
      expect(fallback.resolution).toMatchObject({ imageMatch: 'base', buildEnqueued: true });
      await tailor.release(fallback.id);
      specializedImage = (
        await waitFor(
          () => prisma.runtimeImage.findFirst({ where: { contentHash: stored.contentHash, status: 'ready' } }),
          {
            timeoutMs: 180_000,
            intervalMs: 500,
            what: 'the specialized image built',
          },
        )
      ).imageRef;
      // each engine now holds one default runtime: 256 MB of 512 free on each
    }, 240_000);

    it('should have the specialized image on the machine engine only', async () => {
      expect(await hasImage(machine.docker, specializedImage)).toBe(true);
      expect(await hasImage(second.docker, specializedImage)).toBe(false);
    });

    it('should place a runtime on the engine that has its image, though the other has more memory free', async () => {
      const defaults = handedOut.filter((environment) => environment.endpointId !== 'GET /stays');
      const placements = await Promise.all(defaults.map((environment) => placementOf(environment)));
      // the second engine gets all its memory back: 512 MB free there, 256 MB on the machine's engine
      await tailor.release(defaults[placements.findIndex((placement) => placement.engine === second.socketPath)].id);

      const local = await provision('hotel', 'GET /stays');
      expect(local).toMatchObject({ path: 'cold_specialized', image: { ref: specializedImage, match: 'exact' } });
      expect(await placementOf(local)).toMatchObject({
        engine: machine.socketPath,
        recorded: machine.socketPath,
        container: { running: true, image: specializedImage },
      });
      expect(await hasImage(second.docker, specializedImage)).toBe(false);
    });

    it('should copy the image to the other engine and run there once the engine with the image is full', async () => {
      // 128 MB left on the machine's engine: one more runtime of the profile fits there, the one after does not
      const lastThatFits = await provision('hotel', 'GET /stays');
      expect((await placementOf(lastThatFits)).engine).toBe(machine.socketPath);

      const moved = await provision('hotel', 'GET /stays');
      expect(moved).toMatchObject({ path: 'cold_specialized', image: { ref: specializedImage, match: 'exact' } });
      expect(await placementOf(moved)).toMatchObject({
        engine: second.socketPath,
        recorded: second.socketPath,
        container: { running: true, image: specializedImage },
      });
      expect(await hasImage(second.docker, specializedImage)).toBe(true);
      const health = await fetch(`${moved.endpoint.url}/health`);
      expect(health.status).toBe(200);
    });
  });
});
