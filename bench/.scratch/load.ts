import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { EXECUTION_TIME_BUCKETS_MS, MEMORY_BUCKETS_BYTES, ProfilingData } from '@tailor/contracts';
const N = 1000; const URL_ = process.env.URL!;
const libraries = Array.from({ length: 40 }, (_, i) => ({ name: `lib-${i}`, version: `1.${i}.0` }));
function record(i: number, now: number): ProfilingData {
  const invocations = 1 + (i % 50);
  const executionTimeMs = new Array<number>(EXECUTION_TIME_BUCKETS_MS.length + 1).fill(0);
  const rssBytes = new Array<number>(MEMORY_BUCKETS_BYTES.length + 1).fill(0);
  executionTimeMs[i % executionTimeMs.length] = invocations; rssBytes[i % 4] = invocations;
  return { applicationId: `app-${i % 5}`, endpointId: `GET /resource-${i % 50}/:id`, language: 'node', languageVersion: '20.20.2',
    libraries, invocations, cpuTimeMs: 2.5, memory: { rssBytes: 90_000_000, heapUsedBytes: 30_000_000, peakRssBytes: 95_000_000 },
    io: { readBytes: 0, writeBytes: 512 }, requestBytes: 200 * invocations, responseBytes: 1500 * invocations, executionTimeMs: 8,
    executionTimeMaxMs: 20, timestamp: new Date(now - (i % 20) * 1000).toISOString(), windowSeconds: 10, histograms: { executionTimeMs, rssBytes } };
}
const events = Array.from({ length: N }, (_, i) => record(i, Date.now()));
async function main() {
  const start = performance.now(); let n = 0;
  await Promise.all([1, 2, 3, 4].map(async () => { while (performance.now() - start < 12000) {
    const r = await fetch(`${URL_}/v1/profiles`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: gzipSync(JSON.stringify({ batchId: randomUUID(), events }), { level: 1 }) });
    if (r.status !== 202) throw new Error(await r.text()); await r.arrayBuffer(); n++; } }));
  console.log((n * N / ((performance.now() - start) / 1000)).toFixed(0), 'events/s');
}
void main();
