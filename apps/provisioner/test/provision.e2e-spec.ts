import { randomUUID } from 'node:crypto';

import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { TailorLabel } from '@tailor/docker';
import { configureHttpApp } from '@tailor/platform';
import { PrismaClient } from '@tailor/prisma';
import { PrismaPg } from '@prisma/adapter-pg';
import {
  createTestDatabase,
  ServiceProcess,
  startServiceProcess,
  TestDatabase,
  uniqueNamespace,
} from '@tailor/testing';
import Docker from 'dockerode';
import request from 'supertest';

const docker = new Docker({ socketPath: '/var/run/docker.sock' });

describe('POST /provision through the four apps', () => {
  const namespace = uniqueNamespace('e2e');
  let database: TestDatabase;
  let prisma: PrismaClient;
  let services: ServiceProcess[];
  let predictor: ServiceProcess;
  let app: NestExpressApplication;

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
    app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false });
    configureHttpApp(app, { name: 'provisioner', description: 'e2e' }, { bodyLimitBytes: 64 * 1024 });
    await app.init();
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
    let environment: request.Response['body'];

    beforeAll(async () => {
      const ingest = await request(services[0].url)
        .post('/v1/profiles')
        .send({
          batchId: randomUUID(),
          events: [
            {
              applicationId,
              endpointId,
              language: 'node',
              languageVersion: '20.20.2',
              libraries: [{ name: 'dayjs', version: '1.11.13' }],
              cpuTimeMs: 3.2,
              memory: { rssBytes: 60_000_000, heapUsedBytes: 9_000_000, peakRssBytes: 64_000_000 },
              executionTimeMs: 4.1,
              timestamp: new Date().toISOString(),
            },
          ],
        })
        .expect(202);
      expect(ingest.body).toMatchObject({ accepted: 1, duplicate: false });

      const response = await request(app.getHttpServer())
        .post('/provision')
        .set('x-correlation-id', `corr-${namespace}`)
        .send({ applicationId, endpointId })
        .expect(201);
      environment = response.body;
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
      for (const step of ['predictMs', 'resolveImageMs', 'createContainerMs', 'startContainerMs', 'readyMs', 'totalMs']) {
        expect(environment.timings[step]).toBeGreaterThan(0);
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
      expect(profiles[0]).toMatchObject({ id: environment.profile.id, isDefault: true });
      expect(images).toEqual([expect.objectContaining({ imageRef: 'tailor/runtime:base', status: 'ready', hits: 1 })]);
      expect(stored).toMatchObject({ state: 'running', containerId: environment.container.id, port: environment.endpoint.port });
      expect(feedback).toEqual([expect.objectContaining({ outcome: 'cold', imageUsedHash: environment.image.hash })]);
    });

    it('should carry the correlation id across the Redis hop into the predictor logs', () => {
      expect(predictor.output()).toContain(`"correlationId":"corr-${namespace}"`);
    });

    it('should read the environment back by id', async () => {
      const response = await request(app.getHttpServer()).get(`/environments/${environment.id}`).expect(200);
      expect(response.body).toMatchObject({ id: environment.id, state: 'running', container: environment.container });
    });

    it('should remove the container on DELETE and mark the environment removed', async () => {
      const response = await request(app.getHttpServer()).delete(`/environments/${environment.id}`).expect(200);
      expect(response.body).toMatchObject({ id: environment.id, state: 'removed' });
      await expect(docker.getContainer(environment.container.id).inspect()).rejects.toMatchObject({ statusCode: 404 });
      const stored = await prisma.environment.findUniqueOrThrow({ where: { id: environment.id } });
      expect(stored.state).toBe('removed');
      expect(stored.removedAt).not.toBeNull();
    });

    it('should answer a second DELETE without error', async () => {
      await request(app.getHttpServer()).delete(`/environments/${environment.id}`).expect(200);
    });
  });

  describe('bad input', () => {
    it.each([
      ['a missing applicationId', { endpointId: 'e' }, /applicationId/],
      ['a missing endpointId', { applicationId: 'a' }, /endpointId/],
      ['an empty applicationId', { applicationId: '', endpointId: 'e' }, /applicationId: must not be empty/],
      ['a malformed endpointId', { applicationId: 'a', endpointId: 'x\ny' }, /endpointId: may contain only/],
      ['a numeric applicationId', { applicationId: 42, endpointId: 'e' }, /applicationId: .*expected string/],
      ['an unknown field', { applicationId: 'a', endpointId: 'e', image: 'evil' }, /Unrecognized key.*image/],
    ])('should answer 400 naming the problem for %s', async (_case, body, message) => {
      const response = await request(app.getHttpServer()).post('/provision').send(body).expect(400);
      expect(response.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED', message: expect.stringMatching(message) });
    });

    it('should answer 400 for a body that is not JSON', async () => {
      const response = await request(app.getHttpServer())
        .post('/provision')
        .set('content-type', 'application/json')
        .send('{"applicationId":')
        .expect(400);
      expect(response.body).toMatchObject({ code: 'MALFORMED_JSON' });
    });

    it('should answer 415 for a body that is not declared as JSON', async () => {
      const response = await request(app.getHttpServer())
        .post('/provision')
        .set('content-type', 'text/plain')
        .send('applicationId=a')
        .expect(415);
      expect(response.body.message).toMatch(/content-type must be application\/json, got text\/plain/);
    });

    it('should answer 413 for an oversize body', async () => {
      const response = await request(app.getHttpServer())
        .post('/provision')
        .send({ applicationId: 'a'.repeat(100 * 1024), endpointId: 'e' })
        .expect(413);
      expect(response.body.message).toMatch(/exceeds the limit of 65536 bytes/);
    });

    it('should answer 400 for an environment id that is not a UUID', async () => {
      const response = await request(app.getHttpServer()).get('/environments/not-a-uuid').expect(400);
      expect(response.body.message).toBe('id: must be a UUID');
    });

    it.each(['get', 'delete'] as const)('should answer 404 to %s of an unknown environment', async (method) => {
      const id = randomUUID();
      const response = await request(app.getHttpServer())[method](`/environments/${id}`).expect(404);
      expect(response.body).toMatchObject({ code: 'ENVIRONMENT_NOT_FOUND', message: `environment ${id} does not exist` });
    });
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
      const lonelyFactory = await startServiceProcess('runtime-factory', { DATABASE_URL: database.url, TAILOR_NAMESPACE: onlyFactoryNamespace });
      const provisioner = await startServiceProcess('provisioner', {
        DATABASE_URL: database.url,
        TAILOR_NAMESPACE: onlyFactoryNamespace,
        DEPENDENCY_TIMEOUT_MS: '10000',
        PREDICT_TIMEOUT_MS: '200',
      });
      try {
        const response = await request(provisioner.url)
          .post('/provision')
          .send({ applicationId: 'lonely', endpointId: 'GET /nobody-predicts' })
          .expect(201);
        expect(response.body).toMatchObject({
          state: 'running',
          path: 'cold_fallback',
          image: { ref: 'tailor/runtime:base', match: 'base' },
          profile: { id: null, source: 'default', value: { memoryMb: 256 } },
          resolution: { profileSource: 'default', imageMatch: 'base', buildEnqueued: false, warm: false },
        });
        await request(provisioner.url).delete(`/environments/${response.body.id}`).expect(200);
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
      await request(lonelyPredictor.url).get('/v1/profiles/warm/up').expect(200);
      try {
        const response = await request(provisioner.url)
          .post('/provision')
          .send({ applicationId: 'a', endpointId: 'e' })
          .expect(503);
        expect(response.body.message).toBe('runtime-factory is unavailable: no answer within 500 ms');
        const failed = await prisma.environment.findFirstOrThrow({ where: { state: 'failed' }, orderBy: { createdAt: 'desc' } });
        expect(failed.failureReason).toMatch(/runtime-factory is unavailable/);
      } finally {
        await Promise.all([provisioner.stop(), lonelyPredictor.stop()]);
      }
    });
  });

  describe('every app', () => {
    it.each([
      ['profiler-ingest', 0, ['postgres', 'redis']],
      ['predictor', 1, ['postgres', 'redis']],
      ['runtime-factory', 2, ['postgres', 'redis', 'docker']],
    ] as const)('should report %s healthy with its dependencies', async (_name, index, dependencies) => {
      const response = await request(services[index].url).get('/health').expect(200);
      expect(response.body.status).toBe('ok');
      expect(Object.keys(response.body.details).sort()).toEqual([...dependencies].sort());
    });

    it('should report the provisioner healthy with Postgres, Redis and Docker', async () => {
      const response = await request(app.getHttpServer()).get('/health').expect(200);
      expect(Object.keys(response.body.details).sort()).toEqual(['docker', 'postgres', 'redis']);
    });

    it('should serve an OpenAPI document generated from the code', async () => {
      const response = await request(app.getHttpServer()).get('/openapi.json').expect(200);
      expect(Object.keys(response.body.paths)).toEqual(
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
