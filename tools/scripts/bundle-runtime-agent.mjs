// Bundles Tailor's profiling agent (libs/profiling-agent, TypeScript) for the runtime server into images/runtime/agent/:
// profiler.js (module tracking, memory, time to ready: loaded at every start) and ingest.js (the agent that ships
// profiling data to profiler-ingest: used only when a runtime is given TAILOR_INGEST_URL).
// Run by tools/scripts/build-base-image.sh and by buildRuntimeBaseImage() before the runtime image is built; not committed.
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const entries = join(root, 'libs/profiling-agent/src/runtime-entries');

/**
 * The agent takes only types and the histogram buckets from @tailor/contracts: the bundle gets the buckets' zod-free
 * module instead of the whole library (zod would add ~2.5 MB to every runtime's startup snapshot). Should the agent
 * ever need another value from it, the build fails on the missing export.
 */
const contractsBucketsOnly = {
  name: 'contracts-buckets-only',
  setup(build) {
    build.onResolve({ filter: /^@tailor\/contracts$/ }, () => ({
      path: join(root, 'libs/contracts/src/histogram-buckets.ts'),
    }));
  },
};

await build({
  entryPoints: [join(entries, 'profiler.ts'), join(entries, 'ingest.ts')],
  outdir: join(root, 'images/runtime/agent'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minifySyntax: true,
  legalComments: 'none',
  logLevel: 'warning',
  plugins: [contractsBucketsOnly],
});
