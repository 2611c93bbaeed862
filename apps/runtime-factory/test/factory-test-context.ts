import { getQueueToken } from '@nestjs/bullmq';
import type { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { QueueName } from '@tailor/contracts';
import type { Queue } from 'bullmq';

/**
 * Test support: runtime-factory app contexts (replicas) on a test database and namespace, with their Redis queue. The
 * environment is set before the app module is first loaded.
 */
export async function startFactoryReplicas(
  env: Record<string, string>,
  replicas = 1,
): Promise<INestApplicationContext[]> {
  Object.assign(process.env, { LOG_LEVEL: 'silent', IMAGE_BUILD_BACKOFF_MS: '50', ...env });
  const { AppModule } = await import('../src/app.module');
  const apps: INestApplicationContext[] = [];
  for (let index = 0; index < replicas; index += 1) {
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
    apps.push(await moduleRef.init());
  }
  return apps;
}

/** Closes the replicas and removes the namespace's build queue from Redis. */
export async function stopFactoryReplicas(apps: INestApplicationContext[] | undefined): Promise<void> {
  if (!apps?.length) return;
  await apps[0].get<Queue>(getQueueToken(QueueName.ImageBuild)).obliterate({ force: true });
  await Promise.all(apps.map((app) => app.close()));
}
