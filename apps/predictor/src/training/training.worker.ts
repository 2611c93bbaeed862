import 'reflect-metadata';

import { parentPort, workerData } from 'node:worker_threads';

import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@tailor/prisma';
import { runTrainingJob } from '@tailor/runtime-model';

import { ProfilingDataRepository } from '../models/profiling-data.repository';
import { lowerThisThreadPriority } from './background-thread-priority';
import { readTrainingInput } from './training-input';
import type { TrainingRequest, TrainingWorkerMessage } from './training-worker-message';

/**
 * Worker-thread entry of a retrain: reads the rows (with a connection of its own) and runs the CPU-bound training job
 * off the predictor's event loop, at a lower priority than the threads that serve.
 */
const post = (message: TrainingWorkerMessage) => parentPort?.postMessage(message);

async function main(request: TrainingRequest): Promise<void> {
  lowerThisThreadPriority();
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: request.databaseUrl }) });
  try {
    const input = await readTrainingInput(new ProfilingDataRepository(prisma), request);
    post({ type: 'done', output: runTrainingJob(input, (phase) => post({ type: 'phase', phase })) });
  } finally {
    await prisma.$disconnect();
  }
}

main(workerData as TrainingRequest).catch((error: unknown) =>
  post({
    type: 'failed',
    name: error instanceof Error ? error.name : 'Error',
    message: error instanceof Error ? error.message : String(error),
    reason: (error as { reason?: unknown }).reason as string | undefined,
  }),
);
