import { appPort, BaseEnvSchema, DefaultProfileEnvSchema, envVariables } from '@tailor/config';
import { DockerEnvSchema } from '@tailor/docker';
import { z } from 'zod';

const socketList = z
  .string()
  .transform((value) =>
    value
      .split(',')
      .map((socket) => socket.trim())
      .filter(Boolean),
  )
  .pipe(
    z
      .array(z.string().startsWith('/', 'must be absolute paths to Docker engine sockets'))
      .min(1, 'must name at least one socket'),
  );

export const ProvisionerEnvSchema = BaseEnvSchema.extend(DockerEnvSchema.shape)
  .extend(DefaultProfileEnvSchema.shape)
  .extend({
    PORT: appPort(3000),
    RUNTIME_READY_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000).register(envVariables, {
      group: 'runtime',
      description: 'how long a started runtime may take to answer its health check before the provision fails',
    }),
    RUNTIME_HOST: z.string().min(1).default('127.0.0.1').register(envVariables, {
      group: 'runtime',
      description: 'address runtimes bind to on the host network',
    }),
    RUNTIME_INGEST_URL: z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL of profiler-ingest' })
      .optional()
      .register(envVariables, {
        group: 'runtime',
        description:
          "profiler-ingest as runtimes reach it on the host network: when set, every runtime ships the profiling data of its invocations there (`stack.sh` sets profiler-ingest's URL); unset, runtimes ship none",
        example: 'http://127.0.0.1:3001',
      }),
    RUNTIME_PIDS_LIMIT: z.coerce.number().int().min(16).max(32_768).default(256).register(envVariables, {
      group: 'runtime',
      description: 'processes and threads one runtime container may run at most (its pids limit)',
    }),
    DOCKER_HOSTS: socketList.optional().register(envVariables, {
      group: 'engines',
      description: 'Docker engines to place runtimes on (comma-separated unix sockets); DOCKER_SOCKET alone when unset',
    }),
    HOST_MEMORY_LIMIT_MB: z.coerce.number().int().min(64).optional().register(envVariables, {
      group: 'engines',
      description: "memory (MB) Tailor's containers may reserve on each engine; the engine's total memory when unset",
    }),
    PREDICT_TIMEOUT_MS: z.coerce.number().int().min(5).max(60_000).default(200).register(envVariables, {
      group: 'prediction',
      description: 'bounded wait for the predictor; past it the last known profile, else the default, serves',
    }),
    PREDICTION_CACHE_MS: z.coerce.number().int().min(0).max(3_600_000).default(10_000).register(envVariables, {
      group: 'prediction',
      description: 'a predictor answer younger than this is reused without asking again',
    }),
    PREDICTION_STALE_MS: z.coerce.number().int().min(0).max(86_400_000).default(300_000).register(envVariables, {
      group: 'prediction',
      description:
        'an older answer, up to this age, serves at once while the predictor is asked again in the background (0: never); older ones are waited for, up to `PREDICT_TIMEOUT_MS`',
    }),
    POOL_RECONCILE_INTERVAL_MS: z.coerce.number().int().min(100).max(3_600_000).default(60_000).register(envVariables, {
      group: 'pools',
      description: 'how often the leader sizes the warm pools',
    }),
    POOL_LEASE_MS: z.coerce.number().int().min(200).max(3_600_000).default(30_000).register(envVariables, {
      group: 'pools',
      description: "the reconciler's lease in Redis; renewed while a replica holds it",
    }),
    POOL_MEMORY_BUDGET_MB: z.coerce.number().int().min(0).default(4096).register(envVariables, {
      group: 'pools',
      description: 'memory all warm pools together may hold, shared by priority of expected benefit',
    }),
    POOL_MAX_SIZE: z.coerce.number().int().min(0).max(1000).default(50).register(envVariables, {
      group: 'pools',
      description: 'containers of one pool at most',
    }),
    POOL_START_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4).register(envVariables, {
      group: 'pools',
      description: 'containers started at once by the reconciler',
    }),
    POOL_REACTIVE_FLOOR: z.coerce.number().int().min(0).max(100).default(1).register(envVariables, {
      group: 'pools',
      description: 'containers kept warm after a cold start of a profile (the reactive floor)',
    }),
    POOL_REACTIVE_FLOOR_MS: z.coerce.number().int().min(0).default(600_000).register(envVariables, {
      group: 'pools',
      description: 'how long the reactive floor holds after the cold start',
    }),
    WARM_POLICY: z.enum(['tailor', 'fixed', 'hybrid']).default('tailor').register(envVariables, {
      group: 'warmPolicy',
      description: 'keep-warm policy of @tailor/warm-policy deciding each minute which pools stay loaded',
    }),
    WARM_POLICY_COST_RATIO: z.coerce.number().min(0).default(1e-4).register(envVariables, {
      group: 'warmPolicy',
      description:
        "price of a minute of a pool's memory against a cold start: a pool stays loaded while the chance of an arrival times the cold start outweighs ratio · memory · (1 − chance)",
    }),
    WARM_POLICY_KEEP_ALIVE_MINUTES: z.coerce.number().int().min(0).default(10).register(envVariables, {
      group: 'warmPolicy',
      description:
        'K of `WARM_POLICY=fixed` (an idle pool is kept K minutes after its last provision). The policy alone decides how long an idle pool stays loaded, as in the offline replay',
    }),
    WARM_POLICY_MINUTE_MS: z.coerce.number().int().min(100).max(60_000).optional().register(envVariables, {
      group: 'warmPolicy',
      description:
        "length of the keep-warm policy's minute in ms (real minutes when unset). Set to compress time (e.g. `npm run bench:live-replay`): arrivals are counted per such minute and the reconciler runs at the start of each one instead of every `POOL_RECONCILE_INTERVAL_MS`; durations in ms (`POOL_REACTIVE_FLOOR_MS`, …) are not scaled",
    }),
    WARM_POLICY_CLOCK_ORIGIN: z.iso.datetime({ offset: true }).optional().register(envVariables, {
      group: 'warmPolicy',
      description: "instant (ISO 8601) of the policy clock's minute 0; the Unix epoch when unset",
    }),
    ENVIRONMENT_TTL_MS: z.coerce.number().int().min(1000).default(3_600_000).register(envVariables, {
      group: 'environments',
      description: 'environments without a provision or invocation for this long are reaped',
    }),
    INVOKE_TIMEOUT_MS: z.coerce.number().int().min(100).max(900_000).default(30_000).register(envVariables, {
      group: 'invocations',
      description: "wait for the runtime's answer to an invocation",
    }),
    STATUS_REFRESH_SECONDS: z.coerce.number().int().min(1).max(3600).default(5).register(envVariables, {
      group: 'status',
      description: "GET /status: seconds between the page's automatic refreshes",
    }),
    STATUS_REPLAY_DIR: z.string().min(1).default('tmp/replay').register(envVariables, {
      group: 'status',
      description:
        'GET /status: where `npm run replay` wrote keep-warm-replay.json/.svg (relative to the working directory)',
    }),
  });
export type ProvisionerEnv = z.infer<typeof ProvisionerEnvSchema>;
