import { rm } from 'node:fs/promises';

import type { INestApplicationContext } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import { ImageMatch, QueueName, RuntimeProfileSchema } from '@tailor/contracts';
import { BuildFailureReason, DependencyInstaller } from '@tailor/image-builder';
import { PrismaService } from '@tailor/prisma';
import { defaultProfile, profileContentHash } from '@tailor/profiles';
import { createTestDatabase, TestDatabase, uniqueNamespace } from '@tailor/testing';
import type { Queue } from 'bullmq';

import { RuntimeImageRepository } from '../src/images/runtime-image.repository';
import { ImageResolutionService } from '../src/resolution/image-resolution.service';
import { startFactoryReplicas, stopFactoryReplicas } from './factory-test-context';

const ATTEMPTS = 2;

describe(`${ImageResolutionService.name} with an unreachable registry`, () => {
  const namespace = uniqueNamespace('retry');
  let database: TestDatabase;
  let app: INestApplicationContext;
  const resolves = jest.spyOn(DependencyInstaller.prototype, 'resolve');

  beforeAll(async () => {
    database = await createTestDatabase();
    // nothing listens on port 9 of loopback: every registry request is refused, a transient error
    process.env.npm_config_fetch_retries = '0';
    [app] = await startFactoryReplicas({
      DATABASE_URL: database.url,
      TAILOR_NAMESPACE: namespace,
      NPM_REGISTRY: 'http://127.0.0.1:9/',
      NPM_CACHE_DIR: `/tmp/${namespace}-npm-cache`,
      IMAGE_BUILD_ATTEMPTS: String(ATTEMPTS),
    });
  });

  afterAll(async () => {
    delete process.env.npm_config_fetch_retries;
    await stopFactoryReplicas(app ? [app] : undefined);
    await database?.drop();
    await rm(`/tmp/${namespace}-npm-cache`, { recursive: true, force: true });
  });

  const profile = RuntimeProfileSchema.parse({
    ...defaultProfile('retry', 'GET /x', '20'),
    libraries: [{ name: 'ms', version: '2.1.3' }],
  });
  const contentHash = profileContentHash(profile);

  /** Waits until the profile's build job has failed for good, and returns it. */
  async function failedJob() {
    const queue = app.get<Queue>(getQueueToken(QueueName.ImageBuild));
    let state = await queue.getJobState(contentHash);
    for (let waited = 0; state !== 'failed' && waited < 120_000; waited += 100) {
      await new Promise((done) => setTimeout(done, 100));
      state = await queue.getJobState(contentHash);
    }
    expect(state).toBe('failed');
    return queue.getJob(contentHash);
  }

  describe('resolve', () => {
    it('should retry a transient failure, then record it with its reason once the attempts are spent', async () => {
      const resolution = app.get(ImageResolutionService);
      expect(await resolution.resolve({ correlationId: 'test', contentHash, profile })).toMatchObject({
        match: ImageMatch.Base,
        buildEnqueued: true,
      });

      const job = await failedJob();
      expect(job?.attemptsMade).toBe(ATTEMPTS);
      expect(resolves).toHaveBeenCalledTimes(ATTEMPTS);

      const failure = await app.get(RuntimeImageRepository).findFailure(contentHash);
      expect(failure).toContain(BuildFailureReason.Transient);
      expect(await resolution.resolve({ correlationId: 'test', contentHash, profile })).toMatchObject({
        buildEnqueued: false,
      });
    });

    it('should build the profile again once its transient failure is older than the configured time', async () => {
      // the failure recorded by the previous test, aged past IMAGE_BUILD_TRANSIENT_FAILURE_TTL_MS (15 min by default)
      await app.get(PrismaService)
        .$executeRaw`UPDATE runtime_images SET "updatedAt" = now() - interval '1 hour' WHERE "contentHash" = ${contentHash}`;
      resolves.mockClear();

      expect(await app.get(RuntimeImageRepository).findFailure(contentHash)).toContain(BuildFailureReason.Transient);
      expect(
        await app.get(ImageResolutionService).resolve({ correlationId: 'test', contentHash, profile }),
      ).toMatchObject({ buildEnqueued: true });

      // the registry is still unreachable: a new job, with its attempts, fails again and is recorded afresh
      const job = await failedJob();
      expect(job?.attemptsMade).toBe(ATTEMPTS);
      expect(resolves).toHaveBeenCalledTimes(ATTEMPTS);
      expect(
        await app.get(ImageResolutionService).resolve({ correlationId: 'test', contentHash, profile }),
      ).toMatchObject({ buildEnqueued: false });
    });
  });
});
