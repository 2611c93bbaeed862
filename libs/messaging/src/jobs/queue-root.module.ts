import { BullModule } from '@nestjs/bullmq';
import { DynamicModule } from '@nestjs/common';
import { namespaceConfig, type RedisConfig, redisConfig } from '@tailor/config';

import { redisOptionsFromUrl } from '../redis-connection';

/** BullMQ's root setup of every app: the app's Redis, and every queue under the stack's namespace. */
export function queueRootModule(): DynamicModule {
  return BullModule.forRootAsync({
    inject: [redisConfig.token, namespaceConfig.token],
    useFactory: (redis: RedisConfig, namespace: string) => ({
      connection: redisOptionsFromUrl(redis.url),
      prefix: namespace,
    }),
  });
}
