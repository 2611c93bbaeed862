import { TailorLabel } from '@tailor/docker';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@tailor/prisma';
import { createTestDatabase, ServiceProcess, startServiceProcess, TestDatabase, uniqueNamespace } from '@tailor/testing';
import Docker from 'dockerode';
import request from 'supertest';

const docker = new Docker({ socketPath: '/var/run/docker.sock' });
const POOL_SIZE = 20;
const MIB = 256;

const waitFor = async <T>(probe: () => Promise<T | undefined | null | false>, timeoutMs = 30_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
};

describe('warm pools through the real stack', () => {
  const namespace = uniqueNamespace('pools');
  let database: TestDatabase;
  let prisma: PrismaClient;
  let dependencies: ServiceProcess[];
  let provisioner: ServiceProcess;
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
  });

  beforeAll(async () => {
    database = await createTestDatabase();
    prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: database.url }) });
    const env = { DATABASE_URL: database.url, TAILOR_NAMESPACE: namespace };
    dependencies = await Promise.all((['predictor', 'runtime-factory'] as const).map((name) => startServiceProcess(name, env)));
    provisioner = await startServiceProcess('provisioner', provisionerEnv());
  });

  afterAll(async () => {
    await provisioner?.stop();
    await Promise.all(dependencies?.map((service) => service.stop()) ?? []);
    const leftovers = await docker.listContainers({ all: true, filters: { label: [`${TailorLabel.Namespace}=${namespace}`] } });
    await Promise.all(leftovers.map((container) => docker.getContainer(container.Id).remove({ force: true })));
    await prisma?.$disconnect();
    await database?.drop();
  });

  const poolState = async () => {
    const response = await request(provisioner.url).get('/pools').expect(200);
    return response.body.pools[0] as { idle: number; starting: number; claimed: number; targetSize: number };
  };

  describe('POST /pools/prewarm', () => {
    it('should have the reconciler start the pool containers, labelled as pool containers of the profile', async () => {
      const response = await request(provisioner.url)
        .post('/pools/prewarm')
        .send({ applicationId: 'shop', endpointId: 'GET /cart', size: POOL_SIZE, minutes: 30 })
        .expect(200);
      expect(response.body).toMatchObject({ minSize: POOL_SIZE, image: { ref: 'tailor/runtime:base', match: 'base' } });
      await waitFor(async () => (await poolState()).idle === POOL_SIZE, 60_000);
      const containers = await docker.listContainers({
        filters: { label: [`${TailorLabel.Namespace}=${namespace}`, `${TailorLabel.Kind}=pool`, `${TailorLabel.ProfileHash}=${response.body.profileHash}`] },
      });
      expect(containers).toHaveLength(POOL_SIZE);
      expect((await poolState()).targetSize).toBe(POOL_SIZE);
    });
  });

  describe('POST /provision, 200 at once against a pool of 20', () => {
    let responses: request.Response[];

    beforeAll(async () => {
      responses = await Promise.all(
        Array.from({ length: 200 }, (_, i) =>
          request(provisioner.url).post('/provision').send({ applicationId: 'shop', endpointId: `GET /item/${i}` }),
        ),
      );
    });

    it('should hand out each container at most once', () => {
      const handedOut = responses.filter((response) => response.status === 201).map((response) => response.body.container.id);
      expect(new Set(handedOut).size).toBe(handedOut.length);
    });

    it('should serve the pool as warm hits and refuse what no engine has room for', async () => {
      const warm = responses.filter((response) => response.body.path === 'warm_hit');
      expect(warm.length).toBeGreaterThanOrEqual(POOL_SIZE);
      expect(warm[0].body.resolution).toMatchObject({ warm: true, imageMatch: 'base' });
      const refused = responses.filter((response) => response.status === 503);
      expect(refused.every((response) => response.body.code === 'NO_CAPACITY')).toBe(true);
      const other = responses.filter((response) => response.status !== 201 && response.status !== 503);
      expect(other.map((response) => [response.status, response.body])).toEqual([]);
      const claimedRows = await prisma.poolContainer.count({ where: { state: 'claimed' } });
      expect(claimedRows).toBe(warm.length);
      const warmFeedback = await prisma.feedback.count({ where: { outcome: 'warm', kind: 'provision' } });
      expect(warmFeedback).toBe(warm.length);
    });

    afterAll(async () => {
      const ids = responses.filter((response) => response.status === 201).map((response) => response.body.id as string);
      await Promise.all(ids.map((id) => request(provisioner.url).delete(`/environments/${id}`)));
    });
  });

  describe('the reconciler', () => {
    it('should refill the pre-warmed pool within the memory budget', async () => {
      const pool = await waitFor(async () => {
        const state = await poolState();
        return state.idle === POOL_SIZE && state;
      }, 60_000);
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
    let environment: { id: string; path: string; endpoint: { url: string } };

    beforeAll(async () => {
      const response = await request(provisioner.url).post('/provision').send({ applicationId: 'shop', endpointId: 'GET /hello' }).expect(201);
      environment = response.body;
    });

    it('should be a warm hit', () => {
      expect(environment.path).toBe('warm_hit');
    });

    it("should answer the function's result through POST /environments/:id/invoke and write feedback", async () => {
      const source = "exports.handler = async (event) => ({ greeting: `hello ${event.name}`, sum: event.values.reduce((a, b) => a + b, 0) });";
      await request(provisioner.url).post(`/environments/${environment.id}/load`).send({ source }).expect(200);
      const response = await request(provisioner.url)
        .post(`/environments/${environment.id}/invoke`)
        .send({ event: { name: 'tailor', values: [1, 2, 3] } })
        .expect(200);
      expect(response.body).toMatchObject({ environmentId: environment.id, result: { greeting: 'hello tailor', sum: 6 } });
      const feedback = await prisma.feedback.findMany({ where: { environmentId: environment.id }, orderBy: { createdAt: 'asc' } });
      expect(feedback.map((row) => [row.kind, row.outcome])).toEqual([
        ['provision', 'warm'],
        ['invocation', 'warm'],
      ]);
      expect(Number(feedback[1].memoryPeakBytes)).toBeGreaterThan(0);
    });
  });

  describe('a restart of the provisioner', () => {
    let orphanId: string;
    let runningId: string;

    beforeAll(async () => {
      const response = await request(provisioner.url).post('/provision').send({ applicationId: 'shop', endpointId: 'GET /kept' }).expect(201);
      runningId = response.body.id;
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
    });

    it('should remove the orphan labelled as Tailor', async () => {
      await expect(docker.getContainer(orphanId).inspect()).rejects.toMatchObject({ statusCode: 404 });
    });

    it('should keep the running environment', async () => {
      const response = await request(provisioner.url).get(`/environments/${runningId}`).expect(200);
      expect(response.body.state).toBe('running');
      const health = await fetch(`${response.body.endpoint.url}/health`);
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
