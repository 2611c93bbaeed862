import { PrismaPg } from '@prisma/adapter-pg';
import { TailorLabel } from '@tailor/docker';
import { PrismaClient } from '@tailor/prisma';
import { createTailorClient, type TailorApiError, type TailorClient } from '@tailor/sdk';
import {
  createTestDatabase,
  removeNamespaceFromEngine,
  type RunningEnvironment,
  runningEnvironment,
  ServiceProcess,
  startServiceProcess,
  TestDatabase,
  uniqueNamespace,
  waitFor,
} from '@tailor/testing';
import Docker from 'dockerode';
import Redis from 'ioredis';

const docker = new Docker({ socketPath: '/var/run/docker.sock' });
const POOL_SIZE = 6;
const MIB_PER_RUNTIME = 256;
// longer than any reconcile cycle of this test: the holder renews its lease only between cycles
const LEASE_MS = 10_000;
const TOOK_LEASE = 'took the reconcile lease';

describe('two provisioner replicas in one namespace', () => {
  const namespace = uniqueNamespace('replicas');
  const leaseKey = `${namespace}:provisioner:reconcile-lease`;
  const pool = { applicationId: 'shop', endpointId: 'GET /cart' };
  let database: TestDatabase;
  let prisma: PrismaClient;
  let redis: Redis;
  let dependencies: ServiceProcess[];
  let replicas: ServiceProcess[];
  let clients: TailorClient[];
  let leader: number;
  const handedOut: { environment: RunningEnvironment; replica: number }[] = [];

  const replicaEnv = () => ({
    DATABASE_URL: database.url,
    TAILOR_NAMESPACE: namespace,
    PREDICT_TIMEOUT_MS: '10000',
    DEPENDENCY_TIMEOUT_MS: '10000',
    POOL_RECONCILE_INTERVAL_MS: '300',
    POOL_LEASE_MS: String(LEASE_MS),
    POOL_MEMORY_BUDGET_MB: String(POOL_SIZE * MIB_PER_RUNTIME),
    POOL_REACTIVE_FLOOR: '0',
    // cold starts of a burst share two cores with the warm pool's own
    RUNTIME_READY_TIMEOUT_MS: '30000',
  });
  /** the holder id a replica logged when it took the lease, if it did */
  const leaseTakenBy = (replica: ServiceProcess, holder: string) => replica.output().includes(`"holder":"${holder}"`);
  const tookLeaseCount = (replica: ServiceProcess) => replica.output().split(TOOK_LEASE).length - 1;
  const poolContainers = () =>
    docker.listContainers({
      filters: { label: [`${TailorLabel.Namespace}=${namespace}`, `${TailorLabel.Kind}=pool`] },
    });
  const poolState = async (client: TailorClient) => (await client.listPools()).pools[0];
  const poolIsFull = async (client: TailorClient) => {
    const state = await poolState(client);
    return state?.idle === POOL_SIZE && state.starting === 0 && state;
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: database.url }) });
    redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    const env = { DATABASE_URL: database.url, TAILOR_NAMESPACE: namespace };
    dependencies = await Promise.all(
      (['predictor', 'runtime-factory'] as const).map((name) => startServiceProcess(name, env)),
    );
    replicas = await Promise.all([
      startServiceProcess('provisioner', replicaEnv()),
      startServiceProcess('provisioner', replicaEnv()),
    ]);
    clients = replicas.map((replica) =>
      createTailorClient({
        provisionerUrl: replica.url,
        predictorUrl: dependencies[0].url,
        factoryUrl: dependencies[1].url,
        ingestUrl: 'http://127.0.0.1:9',
      }),
    );
  }, 180_000);

  afterAll(async () => {
    const survivor = clients?.[1 - leader] ?? clients?.[0];
    await Promise.all(handedOut.map(({ environment }) => survivor?.release(environment.id).catch(() => undefined)));
    await Promise.all(replicas?.map((replica) => replica.stop()) ?? []);
    await Promise.all(dependencies?.map((service) => service.stop()) ?? []);
    await removeNamespaceFromEngine(docker, namespace);
    redis?.disconnect();
    await prisma?.$disconnect();
    await database?.drop();
  });

  describe('the reconcile lease', () => {
    it('should be held by exactly one replica, the only one that reconciles', async () => {
      const holder = await waitFor(() => redis.get(leaseKey), { what: 'a lease holder' });
      const holderIndex = () => replicas.findIndex((replica) => leaseTakenBy(replica, holder));
      // the log line may reach the output a moment after the lease reaches Redis (logs are written asynchronously)
      await waitFor(async () => holderIndex() >= 0, { what: 'the holder logging that it took the lease' });
      leader = holderIndex();
      expect(tookLeaseCount(replicas[leader])).toBe(1);
      expect(tookLeaseCount(replicas[1 - leader])).toBe(0);
    });

    it('should keep a pre-warmed pool at its size, never started by both replicas', async () => {
      // asked of the follower: the leader's reconciler starts the containers
      const prewarmed = await clients[1 - leader].prewarm({ ...pool, size: POOL_SIZE, minutes: 30 });
      expect(prewarmed).toMatchObject({ minSize: POOL_SIZE, image: { ref: 'tailor/runtime:base' } });
      await waitFor(() => poolIsFull(clients[0]), { timeoutMs: 60_000, what: 'a full pool' });
      // a few more cycles of both replicas: a second reconciler would start a second pool
      const holderAtFull = await redis.get(leaseKey);
      const cycles = new Set<number>();
      await waitFor(
        async () => {
          cycles.add((await prisma.warmPool.findFirstOrThrow()).reconciledAt?.getTime() ?? 0);
          return cycles.size > 3;
        },
        { intervalMs: 100, what: 'three more reconcile cycles' },
      );
      expect(await poolContainers()).toHaveLength(POOL_SIZE);
      expect(await redis.get(leaseKey)).toBe(holderAtFull);
      await waitFor(async () => replicas[leader].output().includes('reconciled warm pools'), { what: "the leader's reconcile log" });
      expect(replicas[1 - leader].output()).not.toContain('reconciled warm pools');
      expect(tookLeaseCount(replicas[1 - leader])).toBe(0);
    });
  });

  describe('both replicas serving claims', () => {
    const provisionOn = async (replica: number, endpointId: string) => {
      const environment = runningEnvironment(await clients[replica].provision({ applicationId: 'shop', endpointId }));
      handedOut.push({ environment, replica });
      return environment;
    };
    let firstOfEach: RunningEnvironment[];
    let burst: PromiseSettledResult<RunningEnvironment>[];

    beforeAll(async () => {
      firstOfEach = [await provisionOn(0, 'GET /first/0'), await provisionOn(1, 'GET /first/1')];
      burst = await Promise.allSettled(
        Array.from({ length: 2 * POOL_SIZE }, (_, i) => provisionOn(i % 2, `GET /item/${i}`)),
      );
    });

    it('should serve warm hits from the shared pool on each replica', () => {
      expect(firstOfEach.map((environment) => environment.path)).toEqual(['warm_hit', 'warm_hit']);
    });

    it('should answer every provision of a concurrent burst on both replicas, warm or cold', () => {
      const refused = burst.flatMap((answer) =>
        answer.status === 'rejected' ? [answer.reason as TailorApiError] : [],
      );
      expect(refused.map((error) => [error.status, error.code, error.message])).toEqual([]);
    });

    it('should hand out each container at most once across the replicas', async () => {
      const containers = handedOut.map(({ environment }) => environment.container.id);
      expect(new Set(containers).size).toBe(containers.length);
      const warm = handedOut.filter(({ environment }) => environment.path === 'warm_hit');
      expect(warm.length).toBeGreaterThanOrEqual(POOL_SIZE);
      expect(await prisma.poolContainer.count({ where: { state: 'claimed' } })).toBe(warm.length);
    });
  });

  describe('the leader killed', () => {
    let survivor: number;

    beforeAll(async () => {
      survivor = 1 - leader;
      await waitFor(() => poolIsFull(clients[survivor]), {
        timeoutMs: 60_000,
        what: 'the pool refilled before the kill',
      });
      await replicas[leader].kill();
    });

    it('should let the other replica take the lease once it expires', async () => {
      const holder = await waitFor(
        async () => {
          const current = await redis.get(leaseKey);
          return current && leaseTakenBy(replicas[survivor], current) && current;
        },
        { timeoutMs: LEASE_MS + 10_000, what: 'the survivor holding the lease' },
      );
      expect(holder).not.toBeNull();
      expect(tookLeaseCount(replicas[survivor])).toBe(1);
    });

    it('should have the survivor keep the pool at its size after claims', async () => {
      const claims = await Promise.all(
        [0, 1, 2].map((i) =>
          clients[survivor].provision({ applicationId: 'shop', endpointId: `GET /after-kill/${i}` }),
        ),
      );
      handedOut.push(
        ...claims.map((environment) => ({ environment: runningEnvironment(environment), replica: survivor })),
      );
      expect(claims.every((environment) => environment.path === 'warm_hit')).toBe(true);
      const refilled = await waitFor(() => poolIsFull(clients[survivor]), {
        timeoutMs: 60_000,
        what: 'the survivor refilling the pool',
      });
      expect(refilled).toMatchObject({ idle: POOL_SIZE, targetSize: POOL_SIZE });
      // claimed pool containers keep their label: the engine holds the idle ones and the claimed ones, nothing more
      expect(await poolContainers()).toHaveLength(refilled.idle + refilled.claimed);
    });
  });
});
