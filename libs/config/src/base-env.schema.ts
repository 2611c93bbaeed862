import { z } from 'zod';

const postgresUrl = z
  .string()
  .regex(/^postgres(ql)?:\/\/\S+$/, 'must be a postgresql:// connection URL');
const redisUrl = z.string().regex(/^rediss?:\/\/\S+$/, 'must be a redis:// URL');
const port = z.coerce.number().int().min(0, 'must be a TCP port').max(65535, 'must be a TCP port');

/** Environment every Tailor app reads. Apps extend it with their own variables. */
export const BaseEnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_URL: postgresUrl.default('postgresql://postgres@127.0.0.1:5432/tailor'),
  /**
   * how long a pooled Postgres connection may sit idle before it is closed (0: never). pg's own 10 s made the first
   * requests after every lull open connections and prepare their statements again.
   */
  DATABASE_POOL_IDLE_MS: z.coerce.number().int().min(0).max(86_400_000).default(300_000),
  REDIS_URL: redisUrl.default('redis://127.0.0.1:6379'),
  /** Prefix of every Redis channel and queue, so that several stacks (or test runs) share one Redis safely. */
  TAILOR_NAMESPACE: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be lowercase letters, digits and dashes')
    .default('tailor'),
  HOST: z.string().min(1).default('127.0.0.1'),
  HTTP_BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).max(64 * 1024 * 1024).default(1024 * 1024),
  DEPENDENCY_TIMEOUT_MS: z.coerce.number().int().min(50).max(60_000).default(2000),
});
export type BaseEnv = z.infer<typeof BaseEnvSchema>;

export const PortSchema = port;
