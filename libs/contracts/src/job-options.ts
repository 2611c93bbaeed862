import { QueueName } from './queues';

const DAY_SECONDS = 24 * 3600;

/** How long finished jobs are kept: BullMQ's KeepJobs. */
interface KeptJobs {
  age: number;
  count: number;
}

/** The default options of a queue's jobs (a subset of BullMQ's DefaultJobOptions). */
export interface QueueJobDefaults {
  attempts: number;
  backoff?: { type: 'exponential'; delay: number };
  removeOnComplete: boolean | KeptJobs;
  /** kept failures are there to be inspected */
  removeOnFail: boolean | KeptJobs;
}

/** What a deployment sets of a queue's retries (the image builds': IMAGE_BUILD_ATTEMPTS and IMAGE_BUILD_BACKOFF_MS). */
export interface JobRetries {
  attempts: number;
  backoffMs: number;
}

/** The default options of every queue's jobs, in one place; producers and workers register their queues with them. */
export const QUEUE_JOB_DEFAULTS = {
  [QueueName.ImageBuild]: ({ attempts, backoffMs }: JobRetries): QueueJobDefaults => ({
    attempts,
    backoff: { type: 'exponential', delay: backoffMs },
    removeOnComplete: true,
    removeOnFail: { age: 7 * DAY_SECONDS, count: 1000 },
  }),
  [QueueName.EndpointDataChanged]: (): QueueJobDefaults => ({
    attempts: 5,
    backoff: { type: 'exponential', delay: 1000 },
    removeOnComplete: true,
    removeOnFail: false,
  }),
  // no retry: the next night retrains anyway
  [QueueName.ModelRetrain]: (): QueueJobDefaults => ({
    attempts: 1,
    removeOnComplete: { age: DAY_SECONDS, count: 100 },
    removeOnFail: { age: 7 * DAY_SECONDS, count: 100 },
  }),
} as const satisfies Record<QueueName, (retries: JobRetries) => QueueJobDefaults>;

/** The queues whose retries a deployment sets. */
export type TunedQueueName = {
  [Queue in QueueName]: Parameters<(typeof QUEUE_JOB_DEFAULTS)[Queue]> extends [] ? never : Queue;
}[QueueName];
