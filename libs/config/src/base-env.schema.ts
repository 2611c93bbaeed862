import { z } from 'zod';

import { envVariables } from './env-variable';

const postgresUrl = z.string().regex(/^postgres(ql)?:\/\/\S+$/, 'must be a postgresql:// connection URL');
const redisUrl = z.string().regex(/^rediss?:\/\/\S+$/, 'must be a redis:// URL');
const port = z.coerce.number().int().min(0, 'must be a TCP port').max(65535, 'must be a TCP port');

/** Environment every Tailor app reads. Apps extend it with their own variables. */
export const BaseEnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development').register(envVariables, {
    group: 'node',
    description: "read by the libraries that look at it; Tailor's own code does not branch on it",
  }),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info')
    .register(envVariables, {
      group: 'logging',
      description: 'least severe level of the JSON log lines written to stdout',
    }),
  DATABASE_URL: postgresUrl.default('postgresql://postgres@127.0.0.1:5432/tailor').register(envVariables, {
    group: 'database',
    description: "connection URL of Tailor's Postgres database",
    sensitive: true,
  }),
  DATABASE_POOL_IDLE_MS: z.coerce.number().int().min(0).max(86_400_000).default(300_000).register(envVariables, {
    group: 'database',
    description:
      "how long a pooled Postgres connection may sit idle before it is closed (0: never); pg's own 10 s made the first requests after every lull connect and prepare their statements again",
  }),
  REDIS_URL: redisUrl.default('redis://127.0.0.1:6379').register(envVariables, {
    group: 'redis',
    description: 'Redis: queues, requests between the apps, leases and counters',
    sensitive: true,
  }),
  TAILOR_NAMESPACE: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be lowercase letters, digits and dashes')
    .default('tailor')
    .register(envVariables, {
      group: 'namespace',
      description:
        "prefix of every Redis channel, queue and key, and the owner of an app's containers, images, pools and environments, so that several stacks (or test runs) share one Redis, database and Docker engine safely",
    }),
  HOST: z.string().min(1).default('127.0.0.1').register(envVariables, {
    group: 'http',
    description: 'address the HTTP server listens on',
  }),
  HTTP_BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(64 * 1024 * 1024)
    .default(1024 * 1024)
    .register(envVariables, { group: 'http', description: 'largest JSON body' }),
  DEPENDENCY_TIMEOUT_MS: z.coerce.number().int().min(50).max(60_000).default(2000).register(envVariables, {
    group: 'rpc',
    description: 'bound on each Redis request to another app',
  }),
});
export type BaseEnv = z.infer<typeof BaseEnvSchema>;

/** An app's PORT, with the app's own default. */
export const appPort = (defaultPort: number) =>
  port.default(defaultPort).register(envVariables, { group: 'http', description: 'TCP port of the HTTP server' });

/** What every app's schema holds: the base variables and its PORT. */
export type AppEnv = BaseEnv & { PORT: number };
