import { Inject, Provider } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { NamespacedRedisClient, redisOptionsFromUrl } from '@tailor/messaging';

export const RPC_CLIENT = Symbol('RPC_CLIENT');

export const InjectRpcClient = () => Inject(RPC_CLIENT);

export const rpcClientProvider: Provider = {
  provide: RPC_CLIENT,
  inject: [ConfigService],
  useFactory: (config: ConfigService) =>
    new NamespacedRedisClient(config.getOrThrow<string>('TAILOR_NAMESPACE'), {
      ...redisOptionsFromUrl(config.getOrThrow<string>('REDIS_URL')),
      retryAttempts: 0,
    }),
};
