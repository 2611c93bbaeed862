import { TailorLabel } from '@tailor/docker';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@tailor/prisma';
import { createTailorClient, type TailorApiError, type TailorClient } from '@tailor/sdk';
import {
  createTestDatabase,
  type RunningEnvironment,
  runningEnvironment,
  ServiceProcess,
  startServiceProcess,
  TestDatabase,
  uniqueNamespace,
  waitFor,
} from '@tailor/testing';
import Docker from 'dockerode';

const docker = new Docker({ socketPath: '/var/run/docker.sock' });
const POOL_SIZE = 20;
const MIB = 256;

describe('warm pools through the real stack', () => {
  const namespace = uniqueNamespace('pools');
  let database: TestDatabase;
  let prisma: PrismaClient;
  let dependencies: ServiceProcess[];
  let provisioner: ServiceProcess;
  let tailor: TailorClient;
  const provisionerEnv = () => ({
    DATABASE_URL: database.url,
    TAILOR_NAMESPACE: namespace,
    // generous waits: on a loaded machine the first answer of a dependency may be slow
    PREDICT_TIMEOUT_MS: '10000',
    DEPENDENCY_TIMEOUT_MS: '10000',
    POOL_RECONCILE_INTERVAL_MS: '500',
    POOL_LEASE_MS: '5000',
    POOL_START_CONCURRENCY: '4',
    POOL_MEMORY_BUDGET_MB: String(POOL_SIZE * MIB),
    // room for the pool and 4 cold starts: the rest of a burst is refused (503), never queued
    HOST_MEMORY_LIMIT_MB: String((POOL_SIZE + 4) * MIB),
    POOL_REACTIVE_FLOOR: '0',
    RUNTIME_INGEST_URL: dependencies[2].url,
  });

  beforeAll(async () => {
    database = await createTestDatabase();
    prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: database.url }) });
    const env = { DATABASE_URL: database.url, TAILOR_NAMESPACE: namespace };
    dependencies = await Promise.all(
      (['predictor', 'runtime-factory', 'profiler-ingest'] as const).map((name) => startServiceProcess(name, env)),
    );
    provisioner = await startServiceProcess('provisioner', provisionerEnv());
    tailor = clientOf(provisioner);
  });

  const clientOf = (service: ServiceProcess) =>
    createTailorClient({
      provisionerUrl: service.url,
      predictorUrl: dependencies[0].url,
      factoryUrl: dependencies[1].url,
      ingestUrl: 'http://127.0.0.1:9',
    });

  afterAll(async () => {
    await provisioner?.stop();
    await Promise.all(dependencies?.map((service) => service.stop()) ?? []);
    const leftovers = await docker.listContainers({ all: true, filters: { label: [`${TailorLabel.Namespace}=${namespace}`] } });
    await Promise.all(leftovers.map((container) => docker.getContainer(container.Id).remove({ force: true })));
    await prisma?.$disconnect();
    await database?.drop();
  });

  const poolState = async () => (await tailor.listPools()).pools[0];

  describe('POST /pools/prewarm', () => {
    it('should have the reconciler start the pool containers, labelled as pool containers of the profile', async () => {
      const pool = await tailor.prewarm({ applicationId: 'shop', endpointId: 'GET /cart', size: POOL_SIZE, minutes: 30 });
      expect(pool).toMatchObject({ minSize: POOL_SIZE, image: { ref: 'tailor/runtime:base', match: 'base' } });
      await waitFor(async () => (await poolState()).idle === POOL_SIZE, { timeoutMs: 60_000 });
      const containers = await docker.listContainers({
        filters: { label: [`${TailorLabel.Namespace}=${namespace}`, `${TailorLabel.Kind}=pool`, `${TailorLabel.ProfileHash}=${pool.profileHash}`] },
      });
      expect(containers).toHaveLength(POOL_SIZE);
      expect((await poolState()).targetSize).toBe(POOL_SIZE);
    });
  });

  describe('POST /provision, 200 at once against a pool of 20', () => {
    let provisioned: RunningEnvironment[];
    let refused: TailorApiError[];

    beforeAll(async () => {
      const answers = await Promise.allSettled(
        Array.from({ length: 200 }, (_, i) => tailor.provision({ applicationId: 'shop', endpointId: `GET /item/${i}` })),
      );
      provisioned = answers.flatMap((answer) => (answer.status === 'fulfilled' ? [runningEnvironment(answer.value)] : []));
      refused = answers.flatMap((answer) => (answer.status === 'rejected' ? [answer.reason as TailorApiError] : []));
    });

    it('should hand out each container at most once', () => {
      const handedOut = provisioned.map((environment) => environment.container.id);
      expect(new Set(handedOut).size).toBe(handedOut.length);
    });

    it('should serve the pool as warm hits and refuse what no engine has room for', async () => {
      const warm = provisioned.filter((environment) => environment.path === 'warm_hit');
      expect(warm.length).toBeGreaterThanOrEqual(POOL_SIZE);
      expect(warm[0].resolution).toMatchObject({ warm: true, imageMatch: 'base' });
      const other = refused.filter((error) => error.status !== 503 || error.code !== 'NO_CAPACITY');
      expect(other.map((error) => [error.status, error.code, error.message])).toEqual([]);
      const claimedRows = await prisma.poolContainer.count({ where: { state: 'claimed' } });
      expect(claimedRows).toBe(warm.length);
      const warmFeedback = await prisma.feedback.count({ where: { outcome: 'warm', kind: 'provision' } });
      expect(warmFeedback).toBe(warm.length);
    });

    afterAll(async () => {
      await Promise.all(provisioned.map((environment) => tailor.release(environment.id)));
    });
  });

  describe('the reconciler', () => {
    it('should refill the pre-warmed pool within the memory budget', async () => {
      const pool = await waitFor(
        async () => {
          const state = await poolState();
          return state.idle === POOL_SIZE && state;
        },
        { timeoutMs: 60_000 },
      );
      expect(pool.targetSize).toBe(POOL_SIZE);
    });

    it('should replace a pool container that dies', async () => {
      const [victim] = await docker.listContainers({ filters: { label: [`${TailorLabel.Namespace}=${namespace}`, `${TailorLabel.Kind}=pool`] } });
      await docker.getContainer(victim.Id).kill();
      await waitFor(async () => (await prisma.poolContainer.count({ where: { containerId: victim.Id } })) === 0);
      const refilled = await waitFor(async () => {
        const state = await poolState();
        return state.idle === POOL_SIZE && state;
      });
      expect(refilled.idle).toBe(POOL_SIZE);
    });
  });

  describe('a warm environment running a real function', () => {
    let environment: RunningEnvironment;

    beforeAll(async () => {
      environment = runningEnvironment(await tailor.provision({ applicationId: 'shop', endpointId: 'GET /hello' }));
    });

    it('should be a warm hit', () => {
      expect(environment.path).toBe('warm_hit');
    });

    it("should answer the function's result through POST /environments/:id/invoke and write feedback", async () => {
      const source = "exports.handler = async (event) => ({ greeting: `hello ${event.name}`, sum: event.values.reduce((a, b) => a + b, 0) });";
      await tailor.load(environment.id, { source });
      const invocation = await tailor.invoke(environment.id, { name: 'tailor', values: [1, 2, 3] });
      expect(invocation).toMatchObject({ environmentId: environment.id, result: { greeting: 'hello tailor', sum: 6 } });
      const feedback = await prisma.feedback.findMany({ where: { environmentId: environment.id }, orderBy: { createdAt: 'asc' } });
      expect(feedback.map((row) => [row.kind, row.outcome])).toEqual([
        ['provision', 'warm'],
        ['invocation', 'warm'],
      ]);
      expect(Number(feedback[1].memoryPeakBytes)).toBeGreaterThan(0);
    });

    it("should ship the runtime's profiling data of the invocation to profiler-ingest", async () => {
      const events = await waitFor(async () => {
        const stored = await prisma.profilingEvent.findMany({ where: { applicationId: 'shop', endpointId: 'GET /hello' } });
        return stored.length > 0 && stored;
      }, { timeoutMs: 60_000 });
      expect(events.reduce((sum, event) => sum + event.invocations, 0)).toBeGreaterThanOrEqual(1);
      expect(events[0]).toMatchObject({ language: 'node' });
    });
  });

  describe('a restart of the provisioner', () => {
    let orphanId: string;
    let runningId: string;

    beforeAll(async () => {
      runningId = (await tailor.provision({ applicationId: 'shop', endpointId: 'GET /kept' })).id;
      await provisioner.stop();
      const orphan = await docker.createContainer({
        Image: 'tailor/runtime:base',
        Labels: {
          [TailorLabel.Managed]: 'true',
          [TailorLabel.Namespace]: namespace,
          [TailorLabel.Kind]: 'environment',
          [TailorLabel.EnvironmentId]: '00000000-0000-4000-8000-000000000000',
        },
        HostConfig: { NetworkMode: 'none' },
      });
      await orphan.start();
      orphanId = orphan.id;
      provisioner = await startServiceProcess('provisioner', provisionerEnv());
      tailor = clientOf(provisioner);
    });

    it('should remove the orphan labelled as Tailor', async () => {
      await expect(docker.getContainer(orphanId).inspect()).rejects.toMatchObject({ statusCode: 404 });
    });

    it('should keep the running environment', async () => {
      const environment = runningEnvironment(await tailor.getEnvironment(runningId));
      expect(environment.state).toBe('running');
      const health = await fetch(`${environment.endpoint.url}/health`);
      expect(health.status).toBe(200);
    });

    it('should leave Postgres matching the engine', async () => {
      const containers = await docker.listContainers({ filters: { label: [`${TailorLabel.Namespace}=${namespace}`] } });
      const [environments, members] = await Promise.all([
        prisma.environment.findMany({ where: { state: 'running' } }),
        prisma.poolContainer.findMany({ where: { state: { in: ['idle', 'claimed'] } } }),
      ]);
      const known = new Set([...environments.map((row) => row.containerId), ...members.map((row) => row.containerId)]);
      expect(containers.filter((container) => !known.has(container.Id))).toEqual([]);
      expect(environments.every((row) => containers.some((container) => container.Id === row.containerId))).toBe(true);
    });
  });
});
