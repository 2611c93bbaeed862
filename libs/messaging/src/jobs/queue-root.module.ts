import { BullModule } from '@nestjs/bullmq';
import { DynamicModule } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';

import { redisOptionsFromUrl } from '../redis-connection';

/** BullMQ's root setup of every app: the app's Redis, and every queue under the stack's namespace. */
export function queueRootModule(): DynamicModule {
  return BullModule.forRootAsync({
    inject: [ConfigService],
    useFactory: (config: ConfigService) => ({
      connection: redisOptionsFromUrl(config.getOrThrow<string>('REDIS_URL')),
      prefix: config.getOrThrow<string>('TAILOR_NAMESPACE'),
    }),
  });
}
