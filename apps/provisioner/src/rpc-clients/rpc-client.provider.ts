import { Inject, Provider } from '@nestjs/common';
import { namespaceConfig, type RedisConfig, redisConfig } from '@tailor/config';
import { NamespacedRedisClient, redisOptionsFromUrl } from '@tailor/messaging';

export const RPC_CLIENT = Symbol('RPC_CLIENT');

export const InjectRpcClient = () => Inject(RPC_CLIENT);

export const rpcClientProvider: Provider = {
  provide: RPC_CLIENT,
  inject: [namespaceConfig.token, redisConfig.token],
  useFactory: (namespace: string, redis: RedisConfig) =>
    new NamespacedRedisClient(namespace, {
      ...redisOptionsFromUrl(redis.url),
      retryAttempts: 0,
    }),
};
