import { Module } from '@nestjs/common';
import { QueueName } from '@tailor/contracts';
import { jobQueueModule } from '@tailor/messaging';

import { DataChangedNotifier } from './data-changed.notifier';

@Module({
  imports: [jobQueueModule(QueueName.EndpointDataChanged)],
  providers: [DataChangedNotifier],
  exports: [DataChangedNotifier],
})
export class NotifyModule {}
