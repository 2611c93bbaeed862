import { BaseEnvSchema, PortSchema } from '@tailor/config';
import { DockerEnvSchema } from '@tailor/docker';
import { z } from 'zod';

const socketList = z
  .string()
  .transform((value) => value.split(',').map((socket) => socket.trim()).filter(Boolean))
  .pipe(z.array(z.string().startsWith('/', 'must be absolute paths to Docker engine sockets')).min(1, 'must name at least one socket'));

export const ProvisionerEnvSchema = BaseEnvSchema.extend(DockerEnvSchema.shape).extend({
  PORT: PortSchema.default(3000),
  /** how long a started runtime may take to answer its health check before the provision fails */
  RUNTIME_READY_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  /** address runtimes bind to on the host network */
  RUNTIME_HOST: z.string().min(1).default('127.0.0.1'),
  /** profiler-ingest as runtimes reach it (host network): when set, every runtime ships its profiling data there */
  RUNTIME_INGEST_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL of profiler-ingest' }).optional(),
  RUNTIME_PIDS_LIMIT: z.coerce.number().int().min(16).max(32_768).default(256),
  /** Docker engines to place runtimes on (comma-separated unix sockets); DOCKER_SOCKET alone when unset */
  DOCKER_HOSTS: socketList.optional(),
  /** memory (MB) Tailor's containers may reserve on each engine; the engine's total memory when unset */
  HOST_MEMORY_LIMIT_MB: z.coerce.number().int().min(64).optional(),
  /** Node version of the default profile; must equal the predictor's RUNTIME_NODE_VERSION so both defaults hash alike */
  RUNTIME_NODE_VERSION: z.string().regex(/^\d+(\.\d+){0,2}$/, 'must be a version such as 20').default('20'),
  /** bounded wait for the predictor; past it the last known profile, else the default, serves */
  PREDICT_TIMEOUT_MS: z.coerce.number().int().min(5).max(60_000).default(200),
  /** a predictor answer younger than this is reused without asking again */
  PREDICTION_CACHE_MS: z.coerce.number().int().min(0).max(3_600_000).default(10_000),
  /** an older answer, up to this age, serves at once while the predictor is asked again in the background (0: never) */
  PREDICTION_STALE_MS: z.coerce.number().int().min(0).max(86_400_000).default(300_000),
  /** how often the leader sizes the warm pools */
  POOL_RECONCILE_INTERVAL_MS: z.coerce.number().int().min(100).max(3_600_000).default(60_000),
  /** the reconciler's lease in Redis; renewed while a replica holds it */
  POOL_LEASE_MS: z.coerce.number().int().min(200).max(3_600_000).default(30_000),
  /** memory all warm pools together may hold, shared by priority of expected benefit */
  POOL_MEMORY_BUDGET_MB: z.coerce.number().int().min(0).default(4096),
  /** containers of one pool at most */
  POOL_MAX_SIZE: z.coerce.number().int().min(0).max(1000).default(50),
  /** containers started at once by the reconciler */
  POOL_START_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  /** containers kept warm after a cold start of a profile (the reactive floor), and for how long */
  POOL_REACTIVE_FLOOR: z.coerce.number().int().min(0).max(100).default(1),
  POOL_REACTIVE_FLOOR_MS: z.coerce.number().int().min(0).default(600_000),
  /** keep-warm policy of @tailor/warm-policy deciding each minute which pools stay loaded */
  WARM_POLICY: z.enum(['tailor', 'fixed', 'hybrid']).default('tailor'),
  WARM_POLICY_COST_RATIO: z.coerce.number().min(0).default(1e-4),
  WARM_POLICY_KEEP_ALIVE_MINUTES: z.coerce.number().int().min(0).default(10),
  /**
   * length of the keep-warm policy's minute in ms; unset: real minutes. Set (replays and tests that compress time), the
   * reconciler runs at the start of each policy minute instead of every POOL_RECONCILE_INTERVAL_MS
   */
  WARM_POLICY_MINUTE_MS: z.coerce.number().int().min(100).max(60_000).optional(),
  /** the instant of the policy clock's minute 0 (ISO 8601); unset: the Unix epoch */
  WARM_POLICY_CLOCK_ORIGIN: z.iso.datetime({ offset: true }).optional(),
  /** environments without a provision or invocation for this long are reaped */
  ENVIRONMENT_TTL_MS: z.coerce.number().int().min(1000).default(3_600_000),
  /** wait for the runtime's answer to an invocation */
  INVOKE_TIMEOUT_MS: z.coerce.number().int().min(100).max(900_000).default(30_000),
  /** GET /status: seconds between the page's automatic refreshes */
  STATUS_REFRESH_SECONDS: z.coerce.number().int().min(1).max(3600).default(5),
  /** GET /status: where `npm run replay` wrote keep-warm-replay.json/.svg (relative to the working directory) */
  STATUS_REPLAY_DIR: z.string().min(1).default('tmp/replay'),
});
export type ProvisionerEnv = z.infer<typeof ProvisionerEnvSchema>;
