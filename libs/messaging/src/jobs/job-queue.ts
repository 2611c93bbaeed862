import { InjectQueue } from '@nestjs/bullmq';
import type { JobNameOf, JobOf, QueueJobItem, QueueName } from '@tailor/contracts';
import type { BulkJobOptions, Job, JobSchedulerTemplateOptions, JobsOptions, Queue, RepeatOptions } from 'bullmq';

type BulkItem<Q extends QueueName> = QueueJobItem<Q> & { opts?: BulkJobOptions };

/**
 * A BullMQ queue whose producers may add only the jobs that go to it, each with its own payload
 * (enqueueing job X with the payload of job Y does not compile).
 */
export interface JobQueue<Q extends QueueName>
  extends Omit<Queue, 'add' | 'addBulk' | 'upsertJobScheduler'> {
  add<Name extends JobNameOf<Q>>(name: Name, data: JobOf<Name>, opts?: JobsOptions): Promise<Job<JobOf<Name>>>;
  addBulk(jobs: BulkItem<Q>[]): Promise<Job[]>;
  upsertJobScheduler(
    schedulerId: string,
    repeatOpts: Omit<RepeatOptions, 'key'>,
    template: QueueJobItem<Q> & { opts?: JobSchedulerTemplateOptions },
  ): Promise<Job>;
}

/** Injects queue `queue` (registered by jobQueueModule), typed as a JobQueue. */
export const InjectJobQueue = (queue: QueueName) => InjectQueue(queue);
