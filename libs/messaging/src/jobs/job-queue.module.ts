import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, InjectionToken } from '@nestjs/common';
import { JobRetries, QUEUE_JOB_DEFAULTS, QueueName, TunedQueueName } from '@tailor/contracts';

type FixedQueueName = Exclude<QueueName, TunedQueueName>;

/** Registers a queue with its jobs' default options (QUEUE_JOB_DEFAULTS). */
export function jobQueueModule(queue: FixedQueueName): DynamicModule {
  return BullModule.registerQueue({ name: queue, defaultJobOptions: QUEUE_JOB_DEFAULTS[queue]() });
}

/** Registers a queue whose retries the deployment sets, with its jobs' default options (QUEUE_JOB_DEFAULTS). */
export function tunedJobQueueModule<Deps extends unknown[]>(
  queue: TunedQueueName,
  retries: { inject: InjectionToken[]; useFactory: (...deps: Deps) => JobRetries },
): DynamicModule {
  return BullModule.registerQueueAsync({
    name: queue,
    inject: retries.inject,
    useFactory: (...deps: Deps) => ({ defaultJobOptions: QUEUE_JOB_DEFAULTS[queue](retries.useFactory(...deps)) }),
  });
}
