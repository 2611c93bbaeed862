import { randomUUID } from 'node:crypto';

import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { TailorLabel } from '@tailor/docker';
import { PrismaClient } from '@tailor/prisma';
import { PrismaPg } from '@prisma/adapter-pg';
import {
  createTailorClient,
  factoryApi,
  ingestApi,
  predictorApi,
  type ProvisionRequest,
  provisionerApi,
  type TailorClient,
} from '@tailor/sdk';
import {
  createHttpApp,
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
import type { PinoLogger } from 'nestjs-pino';

import { predictionConfig } from '../src/config/provisioner-config.groups';
import type { ProvisionerEnv } from '../src/config/provisioner-env.schema';
import { PeerAppsGateway } from '../src/rpc-clients/peer-apps.gateway';
import { ProfileRepository } from '../src/resolution/profile.repository';
import { ProfileResolver } from '../src/resolution/profile-resolver';

const docker = new Docker({ socketPath: '/var/run/docker.sock' });
const NOWHERE = 'http://127.0.0.1:9';

/** An SDK client of a provisioner alone (its dependencies are reached over Redis, not HTTP). */
const clientOf = (provisionerUrl: string, correlationId?: string): TailorClient =>
  createTailorClient({ provisionerUrl, ingestUrl: NOWHERE, predictorUrl: NOWHERE, factoryUrl: NOWHERE, correlationId });

describe('POST /provision through the four apps', () => {
  const namespace = uniqueNamespace('e2e');
  let database: TestDatabase;
  let prisma: PrismaClient;
  let services: ServiceProcess[];
  let predictor: ServiceProcess;
  let app: NestFastifyApplication;
  let tailor: TailorClient;

  beforeAll(async () => {
    database = await createTestDatabase();
    prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: database.url }) });
    const env = { DATABASE_URL: database.url, TAILOR_NAMESPACE: namespace };
    services = await Promise.all(
      (['profiler-ingest', 'predictor', 'runtime-factory'] as const).map((name) => startServiceProcess(name, env)),
    );
    predictor = services[1];

    // generous waits: on a loaded machine the first answer of a dependency may be slow; fallbacks are tested apart
    Object.assign(process.env, env, { LOG_LEVEL: 'warn', PREDICT_TIMEOUT_MS: '10000', DEPENDENCY_TIMEOUT_MS: '10000' });
    const { AppModule } = await import('../src/app.module');
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
    app = await createHttpApp(moduleRef, { name: 'provisioner', description: 'e2e' }, { bodyLimitBytes: 64 * 1024 });
    await app.listen(0, '127.0.0.1');
    tailor = createTailorClient({
      provisionerUrl: await app.getUrl(),
      ingestUrl: services[0].url,
      predictorUrl: services[1].url,
      factoryUrl: services[2].url,
    });
  });

  afterAll(async () => {
    await app?.close();
    await Promise.all(services?.map((service) => service.stop()) ?? []);
    const leftovers = await docker.listContainers({ all: true, filters: { label: [`${TailorLabel.Namespace}=${namespace}`] } });
    await Promise.all(leftovers.map((container) => docker.getContainer(container.Id).remove({ force: true })));
    await prisma?.$disconnect();
    await database?.drop();
  });

  describe('a provision', () => {
    const applicationId = 'shop';
    const endpointId = 'GET /orders/:id';
    let environment: RunningEnvironment;

    beforeAll(async () => {
      const receipt = await tailor.sendProfiles({
        batchId: randomUUID(),
        libraryLists: [[{ name: 'dayjs', version: '1.11.13' }]],
        events: [
          {
            applicationId,
            endpointId,
            language: 'node',
            languageVersion: '20.20.2',
            libraryList: 0,
            cpuTimeMs: 3.2,
            memory: { rssBytes: 60_000_000, heapUsedBytes: 9_000_000, peakRssBytes: 64_000_000 },
            executionTimeMs: 4.1,
            timestamp: new Date().toISOString(),
          },
        ],
      });
      expect(receipt).toMatchObject({ accepted: 1, duplicate: false });

      environment = runningEnvironment(await clientOf(await app.getUrl(), `corr-${namespace}`).provision({ applicationId, endpointId }));
    });

    it('should return a running environment with its profile, image, endpoint and step timings', () => {
      expect(environment).toMatchObject({
        applicationId,
        endpointId,
        state: 'running',
        path: 'cold_fallback',
        image: { ref: 'tailor/runtime:base', match: 'base' },
        profile: { version: 1, source: 'default', value: { memoryMb: 256, cpuMillis: 500 } },
        correlationId: `corr-${namespace}`,
        resolution: { profileSource: 'predicted', imageMatch: 'base', buildEnqueued: false, warm: false },
      });
      for (const step of ['predictMs', 'resolveImageMs', 'createContainerMs', 'startContainerMs', 'readyMs', 'totalMs'] as const) {
        expect(environment.timings?.[step]).toBeGreaterThan(0);
      }
    });

    it('should start a locked-down container with the limits of the profile, labelled as Tailor', async () => {
      const container = await docker.getContainer(environment.container.id).inspect();
      expect(container.State.Running).toBe(true);
      expect(container.HostConfig).toMatchObject({
        Memory: 256 * 1024 * 1024,
        NanoCpus: 500_000_000,
        NetworkMode: 'host',
        ReadonlyRootfs: true,
        CapDrop: ['ALL'],
        SecurityOpt: ['no-new-privileges'],
      });
      expect(container.Config.User).toBe('65534:65534');
      expect(container.Config.Labels).toMatchObject({
        [TailorLabel.Managed]: 'true',
        [TailorLabel.Namespace]: namespace,
        [TailorLabel.EnvironmentId]: environment.id,
        [TailorLabel.ApplicationId]: applicationId,
        [TailorLabel.EndpointId]: endpointId,
      });
    });

    it('should hand out a runtime that answers where the environment says it listens', async () => {
      const health = await fetch(`${environment.endpoint.url}/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: 'ready', environmentId: environment.id });
    });

    it('should record every step in Postgres', async () => {
      const [events, profiles, images, stored, feedback] = await Promise.all([
        prisma.profilingEvent.count({ where: { applicationId, endpointId } }),
        prisma.runtimeProfile.findMany({ where: { applicationId, endpointId } }),
        prisma.runtimeImage.findMany(),
        prisma.environment.findUniqueOrThrow({ where: { id: environment.id } }),
        prisma.feedback.findMany({ where: { environmentId: environment.id } }),
      ]);
      expect(events).toBe(1);
      expect(profiles).toHaveLength(1);
      expect(profiles[0]).toMatchObject({ id: environment.profile?.id, isDefault: true });
      expect(images).toEqual([expect.objectContaining({ imageRef: 'tailor/runtime:base', status: 'ready', hits: 1 })]);
      expect(stored).toMatchObject({
        state: 'running',
        containerId: environment.container.id,
        port: environment.endpoint.port,
      });
      expect(feedback).toEqual([expect.objectContaining({ outcome: 'cold', imageUsedHash: environment.image.hash })]);
    });

    it('should carry the correlation id across the Redis hop into the predictor logs', async () => {
      // logs are written asynchronously: the line may reach the output a moment after the answer
      await waitFor(async () => predictor.output().includes(`"correlationId":"corr-${namespace}"`), {
        what: "the predictor's log line with the correlation id",
      });
    });

    it('should read the environment back by id', async () => {
      expect(await tailor.getEnvironment(environment.id)).toMatchObject({
        id: environment.id,
        state: 'running',
        container: environment.container,
      });
    });

    it('should remove the container on DELETE and mark the environment removed', async () => {
      expect(await tailor.release(environment.id)).toMatchObject({ id: environment.id, state: 'removed' });
      await expect(docker.getContainer(environment.container.id).inspect()).rejects.toMatchObject({ statusCode: 404 });
      const stored = await prisma.environment.findUniqueOrThrow({ where: { id: environment.id } });
      expect(stored.state).toBe('removed');
      expect(stored.removedAt).not.toBeNull();
    });

    it('should answer a second DELETE without error', async () => {
      expect(await tailor.release(environment.id)).toMatchObject({ id: environment.id, state: 'removed' });
    });
  });

  describe('a stale profile', () => {
    /** answers the predictor gave over Redis so far, from its own /metrics */
    const predictionsAnswered = async (): Promise<number> => {
      const text = await (await fetch(`${predictor.url}/metrics`)).text();
      return [...text.matchAll(/^tailor_prediction_duration_seconds_count\{[^}]*transport="rpc"[^}]*\} (\d+)/gm)].reduce(
        (sum, match) => sum + Number(match[1]),
        0,
      );
    };

    it('should serve at once and be refreshed from the real predictor in the background', async () => {
      const settings = { PREDICTION_CACHE_MS: 0, PREDICTION_STALE_MS: 60_000, PREDICT_TIMEOUT_MS: 10_000, RUNTIME_NODE_VERSION: '20' };
      const resolver = new ProfileResolver(
        app.get(PeerAppsGateway),
        app.get(ProfileRepository),
        { warn: jest.fn() } as unknown as PinoLogger,
        predictionConfig.select(settings as ProvisionerEnv),
      );

      const first = await resolver.resolve('shop', 'GET /stale', 'corr-stale-1');
      const answered = await predictionsAnswered();
      const second = await resolver.resolve('shop', 'GET /stale', 'corr-stale-2');

      expect(first.source).toBe('predicted');
      expect(second).toMatchObject({ source: 'cached', contentHash: first.contentHash });
      await waitFor(async () => (await predictionsAnswered()) > answered, { timeoutMs: 10_000, what: 'the background prediction' });
    });
  });

  describe('bad input', () => {
    /** POST /provision with a body the SDK's types would refuse, serialized as given */
    const provisionRaw = (body: string, contentType = 'application/json') =>
      provisionerApi.environmentsProvision({
        client: tailor.clients.provisioner,
        body: {} as ProvisionRequest,
        bodySerializer: () => body,
        headers: { 'Content-Type': contentType },
      });

    it.each([
      ['a missing applicationId', { endpointId: 'e' }, /applicationId/],
      ['a missing endpointId', { applicationId: 'a' }, /endpointId/],
      ['an empty applicationId', { applicationId: '', endpointId: 'e' }, /applicationId: must not be empty/],
      ['a malformed endpointId', { applicationId: 'a', endpointId: 'x\ny' }, /endpointId: may contain only/],
      ['a numeric applicationId', { applicationId: 42, endpointId: 'e' }, /applicationId: .*expected string/],
      ['an unknown field', { applicationId: 'a', endpointId: 'e', image: 'evil' }, /Unrecognized key.*image/],
    ])('should answer 400 naming the problem for %s', async (_case, body, message) => {
      await expect(tailor.provision(body as unknown as ProvisionRequest)).rejects.toMatchObject({
        status: 400,
        code: 'VALIDATION_FAILED',
        message: expect.stringMatching(message),
      });
    });

    it('should answer 400 for a body that is not JSON', async () => {
      const { response, error } = await provisionRaw('{"applicationId":');
      expect(response.status).toBe(400);
      expect(error).toMatchObject({ code: 'MALFORMED_JSON' });
    });

    it('should answer 415 for a body that is not declared as JSON', async () => {
      const { response, error } = await provisionRaw('applicationId=a', 'text/plain');
      expect(response.status).toBe(415);
      expect(error).toMatchObject({
        message: expect.stringMatching(/content-type must be application\/json, got text\/plain/),
      });
    });

    it('should answer 413 for an oversize body', async () => {
      await expect(tailor.provision({ applicationId: 'a'.repeat(100 * 1024), endpointId: 'e' })).rejects.toMatchObject({
        status: 413,
        message: expect.stringMatching(/exceeds the limit of 65536 bytes/),
      });
    });

    it('should answer 400 for an environment id that is not a UUID', async () => {
      await expect(tailor.getEnvironment('not-a-uuid')).rejects.toMatchObject({
        status: 400,
        message: 'id: must be a UUID',
      });
    });

    it.each(['getEnvironment', 'release'] as const)(
      'should answer 404 to %s of an unknown environment',
      async (method) => {
        const id = randomUUID();
        await expect(tailor[method](id)).rejects.toMatchObject({
          status: 404,
          code: 'ENVIRONMENT_NOT_FOUND',
          message: `environment ${id} does not exist`,
        });
      },
    );
  });

  describe('a dependency that is down', () => {
    const startProvisioner = (namespaceOfDependencies: string) =>
      startServiceProcess('provisioner', {
        DATABASE_URL: database.url,
        TAILOR_NAMESPACE: namespaceOfDependencies,
        DEPENDENCY_TIMEOUT_MS: '500',
        PREDICT_TIMEOUT_MS: '200',
      });

    it('should serve the default profile, saying so, when no predictor answers in time', async () => {
      const onlyFactoryNamespace = uniqueNamespace('no-predictor');
      const lonelyFactory = await startServiceProcess('runtime-factory', {
        DATABASE_URL: database.url,
        TAILOR_NAMESPACE: onlyFactoryNamespace,
      });
      const provisioner = await startServiceProcess('provisioner', {
        DATABASE_URL: database.url,
        TAILOR_NAMESPACE: onlyFactoryNamespace,
        DEPENDENCY_TIMEOUT_MS: '10000',
        PREDICT_TIMEOUT_MS: '200',
      });
      try {
        const lonely = clientOf(provisioner.url);
        const environment = await lonely.provision({ applicationId: 'lonely', endpointId: 'GET /nobody-predicts' });
        expect(environment).toMatchObject({
          state: 'running',
          path: 'cold_fallback',
          image: { ref: 'tailor/runtime:base', match: 'base' },
          profile: { id: null, source: 'default', value: { memoryMb: 256 } },
          resolution: { profileSource: 'default', imageMatch: 'base', buildEnqueued: false, warm: false },
        });
        expect(await lonely.release(environment.id)).toMatchObject({ state: 'removed' });
      } finally {
        await Promise.all([provisioner.stop(), lonelyFactory.stop()]);
      }
    });

    it('should answer 503 naming the runtime-factory when only the predictor answers', async () => {
      const onlyPredictorNamespace = uniqueNamespace('no-factory');
      const lonelyPredictor = await startServiceProcess('predictor', {
        DATABASE_URL: database.url,
        TAILOR_NAMESPACE: onlyPredictorNamespace,
      });
      const provisioner = await startProvisioner(onlyPredictorNamespace);
      await createTailorClient({
        provisionerUrl: NOWHERE,
        ingestUrl: NOWHERE,
        predictorUrl: lonelyPredictor.url,
        factoryUrl: NOWHERE,
      }).getProfile('warm', 'up');
      try {
        await expect(
          clientOf(provisioner.url).provision({ applicationId: 'a', endpointId: 'e' }),
        ).rejects.toMatchObject({
          status: 503,
          message: 'runtime-factory is unavailable: no answer within 500 ms',
        });
        const failed = await prisma.environment.findFirstOrThrow({
          where: { state: 'failed' },
          orderBy: { createdAt: 'desc' },
        });
        expect(failed.failureReason).toMatch(/runtime-factory is unavailable/);
      } finally {
        await Promise.all([provisioner.stop(), lonelyPredictor.stop()]);
      }
    });
  });

  describe('every app', () => {
    const healthOf = {
      'profiler-ingest': () => ingestApi.healthCheck({ client: tailor.clients.ingest }),
      predictor: () => predictorApi.healthCheck({ client: tailor.clients.predictor }),
      'runtime-factory': () => factoryApi.healthCheck({ client: tailor.clients.factory }),
      provisioner: () => provisionerApi.healthCheck({ client: tailor.clients.provisioner }),
    };

    it.each([
      ['profiler-ingest', ['postgres', 'redis']],
      ['predictor', ['postgres', 'redis']],
      ['runtime-factory', ['postgres', 'redis', 'docker']],
      ['provisioner', ['docker', 'postgres', 'redis']],
    ] as const)('should report %s healthy with its dependencies', async (name, dependencies) => {
      const { response, data } = await healthOf[name]();
      expect(response.status).toBe(200);
      expect(data?.status).toBe('ok');
      expect(Object.keys(data?.details ?? {}).sort()).toEqual([...dependencies].sort());
    });

    it('should serve an OpenAPI document generated from the code', async () => {
      const response = await fetch(`${await app.getUrl()}/openapi.json`);
      expect(response.status).toBe(200);
      const document = (await response.json()) as { paths: Record<string, unknown> };
      expect(Object.keys(document.paths)).toEqual(
        expect.arrayContaining(['/provision', '/environments/{id}', '/health']),
      );
    });

    it('should refuse to start with a bad environment variable, naming it', async () => {
      await expect(
        startServiceProcess('predictor', { DATABASE_URL: 'mysql://nope', TAILOR_NAMESPACE: namespace }),
      ).rejects.toThrow(/DATABASE_URL: must be a postgresql:\/\/ connection URL/);
    });
  });
});
