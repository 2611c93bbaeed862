import { ProfilingBatchSchema, EXECUTION_TIME_BUCKETS_MS, MEMORY_BUCKETS_BYTES, ProfilingData } from '@tailor/contracts';
import Ajv from 'ajv';
import { z } from 'zod';
import { randomUUID } from 'node:crypto';
import { ProfilingBatchPipe } from '../../apps/profiler-ingest/src/ingest/profiling-batch.pipe';
const js = z.toJSONSchema(ProfilingBatchSchema, { io: 'input', unrepresentable: 'any', target: 'draft-7' });

const ajv = new Ajv({ allErrors: false, strict: false, useDefaults: true, removeAdditional: 'all' });
const validate = ajv.compile(js as object);
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
const text = JSON.stringify({ batchId: randomUUID(), events: Array.from({ length: 2000 }, (_, i) => record(i, Date.now())) });
const pipe = new ProfilingBatchPipe();
for (let r = 0; r < 3; r++) {
  for (const [name, f] of [['zod pipe', (v: unknown) => pipe.transform(v)], ['zod full', (v: unknown) => ProfilingBatchSchema.parse(v)], ['ajv', (v: unknown) => { if (!validate(v)) throw new Error(JSON.stringify(validate.errors)); }]] as const) {
    const xs: number[] = [];
    for (let k = 0; k < 10; k++) { const v = JSON.parse(text); const s = performance.now(); f(v); xs.push(performance.now() - s); }
    xs.sort((a, b) => a - b); console.log(name, xs[5]!.toFixed(1), 'ms');
  }
}
