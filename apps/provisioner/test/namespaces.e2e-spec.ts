import { randomUUID } from 'node:crypto';

import { TailorLabel } from '@tailor/docker';
import { PrismaService } from '@tailor/prisma';
import { createTestDatabase, ServiceProcess, startServiceProcess, TestDatabase, uniqueNamespace, waitFor } from '@tailor/testing';
import Docker from 'dockerode';

import { PoolContainerRepository } from '../src/pools/pool-container.repository';
import { WarmPoolRepository } from '../src/pools/warm-pool.repository';

const docker = new Docker({ socketPath: '/var/run/docker.sock' });
const IMAGE = 'tailor/runtime:base';
const HOUR_AGO = new Date(Date.now() - 3_600_000);

describe('two provisioners in different namespaces on one database', () => {
  const mine = uniqueNamespace('ns-mine');
  const other = uniqueNamespace('ns-other');
  let database: TestDatabase;
  let prisma: PrismaService;
  let provisioner: ServiceProcess;
  const ids = { mineEnvironment: randomUUID(), otherEnvironment: randomUUID(), otherMember: randomUUID() };

  const repositoryOf = (namespace: string) =>
    new PoolContainerRepository(prisma, namespace);

  const seedPool = async (namespace: string, profileHash: string) => {
    const identity = { profileHash, applicationId: 'shop', endpointId: 'GET /cart', imageRef: IMAGE, imageHash: 'base', imageMatch: 'exact' as const };
    await prisma.warmPool.create({ data: { ...identity, namespace, profile: {}, memoryMb: 128 } });
    return identity;
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    prisma = new PrismaService({ url: database.url, poolIdleMs: 10_000 });
    // both environments look abandoned and their containers are not on this provisioner's engine (not in its namespace)
    const running = { applicationId: 'shop', endpointId: 'GET /cart', state: 'running' as const, readyAt: HOUR_AGO, lastActiveAt: HOUR_AGO };
    await prisma.environment.create({ data: { ...running, id: ids.mineEnvironment, containerId: 'gone', namespace: mine } });
    await prisma.environment.create({ data: { ...running, id: ids.otherEnvironment, containerId: 'elsewhere', namespace: other } });
    await seedPool(mine, 'mine-profile');
    const pool = await seedPool(other, 'other-profile');
    await prisma.poolContainer.create({
      data: {
        ...pool,
        id: ids.otherMember,
        state: 'idle',
        containerId: 'elsewhere-pool',
        dockerHost: '/var/run/docker.sock',
        host: '127.0.0.1',
        port: 1,
        memoryBytes: 128 * 1024 * 1024,
        nanoCpus: 250_000_000,
        idleSince: HOUR_AGO,
        namespace: other,
      },
    });
    provisioner = await startServiceProcess('provisioner', {
      DATABASE_URL: database.url,
      TAILOR_NAMESPACE: mine,
      POOL_RECONCILE_INTERVAL_MS: '200',
      ENVIRONMENT_TTL_MS: '1000',
      POOL_MEMORY_BUDGET_MB: '0',
      WARM_POLICY: 'fixed',
    });
  });

  afterAll(async () => {
    await provisioner?.stop();
    for (const namespace of [mine, other]) {
      const leftovers = await docker.listContainers({ all: true, filters: { label: [`${TailorLabel.Namespace}=${namespace}`] } });
      await Promise.all(leftovers.map((container) => docker.getContainer(container.Id).remove({ force: true })));
    }
    await prisma?.$disconnect();
    await database?.drop();
  });

  describe('start-up reconciliation, TTL reaping and pool reconcile', () => {
    it("should fail the provisioner's own lost environment and leave the other namespace's rows as they were", async () => {
      const firstCycle = await waitFor(async () => (await prisma.warmPool.findFirst({ where: { namespace: mine } }))?.reconciledAt);
      // a later cycle proves that the reap of the first one (it runs after the reconcile) is over
      await waitFor(async () => {
        const pool = await prisma.warmPool.findFirst({ where: { namespace: mine } });
        return pool?.reconciledAt && pool.reconciledAt > firstCycle;
      });
      const environments = await prisma.environment.findMany({ orderBy: { namespace: 'asc' }, select: { id: true, state: true } });
      expect(environments).toEqual(
        expect.arrayContaining([
          { id: ids.mineEnvironment, state: 'failed' },
          { id: ids.otherEnvironment, state: 'running' },
        ]),
      );
      expect(await prisma.poolContainer.findUnique({ where: { id: ids.otherMember } })).toMatchObject({ state: 'idle' });
      expect(await prisma.warmPool.findFirst({ where: { namespace: other } })).toMatchObject({ reconciledAt: null, targetSize: 0 });
    });
  });

  describe(`${PoolContainerRepository.name} claim`, () => {
    const claimOf = (namespace: string) => {
      const environmentId = randomUUID();
      return repositoryOf(namespace).claim({
        profileHash: 'other-profile',
        imageRef: IMAGE,
        environmentId,
        applicationId: 'shop',
        endpointId: 'GET /cart',
        profileId: null,
        profileSource: 'default',
        buildEnqueued: false,
        correlationId: environmentId,
        predictedHash: 'other-profile',
        timings: { predictMs: 0, resolveImageMs: 0, createContainerMs: 0, startContainerMs: 0, readyMs: 0, totalMs: 0 },
      });
    };

    it("should never hand out another namespace's pool container, and write the owner's namespace on its claim", async () => {
      expect(await claimOf(mine)).toBeNull();
      const claimed = await claimOf(other);
      expect(claimed).toMatchObject({ containerId: 'elsewhere-pool' });
      expect(await prisma.environment.findFirst({ where: { containerId: 'elsewhere-pool' } })).toMatchObject({
        id: claimed?.id,
        namespace: other,
        path: 'warm_hit',
      });
    });
  });

  describe(`${WarmPoolRepository.name} upsert`, () => {
    const poolsOf = (namespace: string) =>
      new WarmPoolRepository(prisma, namespace);
    const identity = {
      profileHash: 'shared-profile',
      applicationId: 'shop',
      endpointId: 'GET /cart',
      profile: { memoryMb: 256 } as never,
      profileId: null,
      imageRef: IMAGE,
      imageHash: 'base',
      imageMatch: 'base' as const,
    };

    it('should give each namespace its own pool of the same profile, sized apart', async () => {
      await poolsOf(mine).upsert(identity, { minSize: 2 });
      await poolsOf(other).upsert(identity, { minSize: 5 });
      const pools = await prisma.warmPool.findMany({ where: { profileHash: identity.profileHash }, orderBy: { minSize: 'asc' } });
      expect(pools.map(({ namespace, minSize }) => ({ namespace, minSize }))).toEqual([
        { namespace: mine, minSize: 2 },
        { namespace: other, minSize: 5 },
      ]);
      expect(await poolsOf(mine).find(identity.profileHash)).toMatchObject({ namespace: mine, minSize: 2 });
    });
  });
});
