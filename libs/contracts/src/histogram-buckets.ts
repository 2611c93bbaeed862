// No zod here: the profiling agent bundled into runtime images (tools/scripts/bundle-runtime-agent.mjs) needs only these.
/** Upper bounds (inclusive, ms) of the execution-time histogram's buckets; one more bucket counts everything above. */
export const EXECUTION_TIME_BUCKETS_MS = [
  1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000, 30_000,
] as const;
const MIB = 1024 * 1024;
/** Upper bounds (inclusive, bytes) of the RSS histogram's buckets; one more bucket counts everything above. */
export const MEMORY_BUCKETS_BYTES = [32, 64, 128, 192, 256, 384, 512, 768, 1024, 1536, 2048, 4096, 8192].map(
  (mib) => mib * MIB,
);
