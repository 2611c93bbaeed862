import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { QueueName } from '@tailor/contracts';

import { DataChangedNotifier } from './data-changed.notifier';

/** Default options of the jobs profiler-ingest enqueues (in one place). */
export const DATA_CHANGED_JOB_OPTIONS = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: true,
  removeOnFail: false,
} as const;

@Module({
  imports: [
    BullModule.registerQueue({ name: QueueName.EndpointDataChanged, defaultJobOptions: DATA_CHANGED_JOB_OPTIONS }),
  ],
  providers: [DataChangedNotifier],
  exports: [DataChangedNotifier],
})
export class NotifyModule {}
