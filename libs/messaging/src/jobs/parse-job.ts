import { JobName, JobNameOf, jobNamesOf, JobOf, JobPayloadSchemas, JobQueues, QueueJobItem, QueueName } from '@tailor/contracts';
import { Job, UnrecoverableError } from 'bullmq';

/**
 * A job of `queue` as name and validated payload. A job the queue does not carry, or whose payload breaks its schema,
 * throws UnrecoverableError: BullMQ fails it at once instead of retrying what cannot succeed.
 */
export function parseJob<Q extends QueueName>(queue: Q, job: Job): QueueJobItem<Q> {
  const name = job.name as JobName;
  if (!(name in JobQueues) || JobQueues[name] !== queue) throw new UnrecoverableError(`no handler for job ${job.name}`);
  const payload = JobPayloadSchemas[name].safeParse(job.data);
  if (!payload.success) throw new UnrecoverableError(`bad ${name} payload: ${payload.error.message}`);
  return { name, data: payload.data } as QueueJobItem<Q>;
}

/** A handler for each job that goes to queue `Q`, given the job's validated payload. */
export type JobHandlers<Q extends QueueName> = {
  [Name in JobNameOf<Q>]: (data: JobOf<Name>, job: Job) => Promise<unknown>;
};

/**
 * A worker's process(): parses each job (parseJob) and gives its payload to the job's handler. Throws at once (so at
 * boot, where the worker is built) when a job of the queue has no handler.
 */
export function jobHandlers<Q extends QueueName, Handlers extends JobHandlers<Q>>(
  queue: Q,
  handlers: Handlers,
): (job: Job) => ReturnType<Handlers[JobNameOf<Q>]> {
  const missing = jobNamesOf(queue).filter((name) => typeof (handlers as Record<string, unknown>)[name] !== 'function');
  if (missing.length > 0) throw new Error(`queue ${queue} has no handler for job ${missing.join(', ')}`);
  return (async (job: Job) => {
    const { name, data } = parseJob(queue, job);
    const handle = handlers[name] as (data: unknown, job: Job) => ReturnType<Handlers[JobNameOf<Q>]>;
    return handle(data, job);
  }) as (job: Job) => ReturnType<Handlers[JobNameOf<Q>]>;
}
