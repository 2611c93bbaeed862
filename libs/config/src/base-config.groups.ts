import type { AppEnv, BaseEnv } from './base-env.schema';
import { type ConfigOf, defineConfigGroup, InjectConfig } from './config-group';

export const loggingConfig = defineConfigGroup('logging', (env: BaseEnv) => ({ level: env.LOG_LEVEL }));
export type LoggingConfig = ConfigOf<typeof loggingConfig>;

export const databaseConfig = defineConfigGroup('database', (env: BaseEnv) => ({
  url: env.DATABASE_URL,
  poolIdleMs: env.DATABASE_POOL_IDLE_MS,
}));
export type DatabaseConfig = ConfigOf<typeof databaseConfig>;

export const redisConfig = defineConfigGroup('redis', (env: BaseEnv) => ({ url: env.REDIS_URL }));
export type RedisConfig = ConfigOf<typeof redisConfig>;

/** TAILOR_NAMESPACE, the one provider of it: inject it with `@InjectNamespace() namespace: string`. */
export const namespaceConfig = defineConfigGroup('namespace', (env: BaseEnv): string => env.TAILOR_NAMESPACE);
export const InjectNamespace = (): PropertyDecorator & ParameterDecorator => InjectConfig(namespaceConfig);

export const httpConfig = defineConfigGroup('http', (env: AppEnv) => ({
  host: env.HOST,
  port: env.PORT,
  bodyLimitBytes: env.HTTP_BODY_LIMIT_BYTES,
}));
export type HttpConfig = ConfigOf<typeof httpConfig>;

/** Requests to the other apps over Redis. */
export const rpcConfig = defineConfigGroup('rpc', (env: BaseEnv) => ({ timeoutMs: env.DEPENDENCY_TIMEOUT_MS }));
export type RpcConfig = ConfigOf<typeof rpcConfig>;

/** The groups every app provides, whatever its schema adds. */
export const BASE_CONFIG_GROUPS = [
  loggingConfig,
  databaseConfig,
  redisConfig,
  namespaceConfig,
  httpConfig,
  rpcConfig,
] as const;
