import { Global, Inject, Injectable, Module, OnModuleDestroy } from '@nestjs/common';
import { type RedisConfig, redisConfig } from '@tailor/config';
import { redisOptionsFromUrl } from '@tailor/messaging';
import Redis from 'ioredis';

export const REDIS_CONNECTION = Symbol('REDIS_CONNECTION');

export const InjectRedis = () => Inject(REDIS_CONNECTION);

@Injectable()
class RedisConnectionCloser implements OnModuleDestroy {
  constructor(@InjectRedis() private readonly redis: Redis) {}

  async onModuleDestroy(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

/** One shared ioredis connection per app (health checks, leases); BullMQ opens its own. */
@Global()
@Module({
  providers: [
    {
      provide: REDIS_CONNECTION,
      inject: [redisConfig.token],
      useFactory: (redis: RedisConfig) =>
        new Redis({ ...redisOptionsFromUrl(redis.url), maxRetriesPerRequest: 1, lazyConnect: false }),
    },
    RedisConnectionCloser,
  ],
  exports: [REDIS_CONNECTION],
})
export class RedisModule {}
