import { z } from 'zod';

/**
 * The HTTP contract of Tailor's runtime server (images/runtime/server.js), the process inside every runtime container.
 * It listens on the host's loopback; each route answers JSON, an error as `{ error }` with a 4xx or 5xx status.
 */
export const RuntimeServerRoute = {
  /** 200 once the preloads are loaded: the runtime is ready */
  Health: '/health',
  /** loads a handler bundle (and says whom it serves) */
  Load: '/load',
  /** calls the loaded handler */
  Invoke: '/invoke',
  /** the runtime's feedback: time to ready, libraries loaded, misses, unused preloads, memory, timeline */
  Report: '/report',
  /** the confinement the process sees (user, capabilities, read-only root, limits) */
  Sandbox: '/sandbox',
} as const;
export type RuntimeServerRoute = (typeof RuntimeServerRoute)[keyof typeof RuntimeServerRoute];

export const RuntimeErrorReplySchema = z.object({ error: z.string() });

export const RuntimeHealthSchema = z.object({
  status: z.literal('ready'),
  environmentId: z.string().nullable(),
  node: z.string(),
  uptimeMs: z.number(),
  timeToReadyMs: z.number().nullable(),
  /** libraries the image's manifest preloads */
  preloaded: z.number().int(),
  memory: z.object({ rssBytes: z.number(), heapUsedBytes: z.number() }),
});
export type RuntimeHealth = z.infer<typeof RuntimeHealthSchema>;

export const RuntimeLoadRequestSchema = z.object({
  /** CommonJS source exporting `handler(event, context)` */
  source: z.string(),
  /** written beside the handler when the bundle carries files or is installed (npm installs its dependencies) */
  packageJson: z
    .object({ name: z.string().optional(), dependencies: z.record(z.string(), z.string()).optional() })
    .optional(),
  /** files of the bundle: relative path → base64 content */
  files: z.record(z.string(), z.string()).optional(),
  /** install the bundle's dependencies with npm first (a generic runtime with npm mounted) */
  install: z.boolean().optional(),
  applicationId: z.string().min(1).optional(),
  endpointId: z.string().min(1).optional(),
});
export type RuntimeLoadRequest = z.infer<typeof RuntimeLoadRequestSchema>;

export const RuntimeLoadReplySchema = z.object({ loadMs: z.number(), installMs: z.number().nullable() });
export type RuntimeLoadReply = z.infer<typeof RuntimeLoadReplySchema>;

export const RuntimeInvokeRequestSchema = z.object({ event: z.unknown().optional() });
export type RuntimeInvokeRequest = z.infer<typeof RuntimeInvokeRequestSchema>;

export const RuntimeInvokeReplySchema = z.object({ result: z.unknown(), durationMs: z.number() });
export type RuntimeInvokeReply = z.infer<typeof RuntimeInvokeReplySchema>;

const LoadedLibrarySchema = z.object({ name: z.string(), version: z.string().nullable(), phase: z.string() });

/** The profiling agent's delivery counters, when the runtime ships its invocations to profiler-ingest. */
const AgentStatsSchema = z.object({
  recordedInvocations: z.number(),
  deliveredInvocations: z.number(),
  droppedInvocations: z.number(),
  unconfirmedInvocations: z.number(),
  pendingInvocations: z.number(),
  bufferedRecords: z.number(),
  deliveredBatches: z.number(),
  failedAttempts: z.number(),
});

export const RuntimeReportSchema = z.object({
  environmentId: z.string().nullable(),
  /** the profile hash of the image's preload manifest; null for an image without one */
  profileHash: z.string().nullable(),
  timeToReadyMs: z.number().nullable(),
  preloadMs: z.number(),
  loadMs: z.number().nullable(),
  installMs: z.number().nullable(),
  firstInvocationMs: z.number().nullable(),
  /** CPU time (user + system) the process had used when its first invocation ended */
  firstInvocationCpuMs: z.number().nullable(),
  invocations: z.number().int(),
  failures: z.number().int(),
  preloadErrors: z.array(z.object({ name: z.string(), error: z.string() })),
  loaded: z.array(LoadedLibrarySchema),
  /** packages application code required directly while preloading */
  preloaded: z.array(z.string()),
  /** packages the handler required directly that were not preloaded */
  misses: z.array(z.string()),
  /** preloaded packages the handler never required */
  unusedPreloads: z.array(z.string()),
  preloadedData: z.array(z.string()),
  dataMisses: z.array(z.string()),
  memory: z.object({ rssBytes: z.number(), heapUsedBytes: z.number(), peakRssBytes: z.number() }),
  /** modules restored from the image's startup snapshot, and the preloads that could not be in it */
  snapshot: z.object({ modules: z.number().int(), failed: z.array(z.string()) }),
  /** wall-clock time (epoch ms) of each step the runtime went through */
  timeline: z.record(z.string(), z.number()),
  agent: AgentStatsSchema.nullable(),
});
export type RuntimeReport = z.infer<typeof RuntimeReportSchema>;

export const RuntimeSandboxSchema = z.object({
  uid: z.number().int(),
  gid: z.number().int(),
  capEff: z.string().nullable(),
  capBnd: z.string().nullable(),
  noNewPrivs: z.string().nullable(),
  rootWritable: z.boolean(),
  pidsMax: z.string().nullable(),
  memoryMaxBytes: z.string().nullable(),
});
export type RuntimeSandbox = z.infer<typeof RuntimeSandboxSchema>;
