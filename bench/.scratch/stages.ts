import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { EXECUTION_TIME_BUCKETS_MS, MEMORY_BUCKETS_BYTES, ProfilingData } from '@tailor/contracts';
import { recreateDatabase } from '@tailor/testing';
import { Pool } from 'pg';
import { ProfilingBatchPipe } from '../../apps/profiler-ingest/src/ingest/profiling-batch.pipe';
import { rollupDeltas } from '../../apps/profiler-ingest/src/ingest/endpoint-rollups';
import { ProfilingEventRepository } from '../../apps/profiler-ingest/src/ingest/profiling-event.repository';

const N = Number(process.env.N ?? 2000);
const libraries = Array.from({ length: 40 }, (_, i) => ({ name: `lib-${i}`, version: `1.${i}.0` }));
function record(i: number, now: number): ProfilingData {
  const invocations = 1 + (i % 50);
  const executionTimeMs = new Array<number>(EXECUTION_TIME_BUCKETS_MS.length + 1).fill(0);
  const rssBytes = new Array<number>(MEMORY_BUCKETS_BYTES.length + 1).fill(0);
  executionTimeMs[i % executionTimeMs.length] = invocations;
  rssBytes[i % 4] = invocations;
  return { applicationId: `app-${i % 5}`, endpointId: `GET /resource-${i % 50}/:id`, language: 'node', languageVersion: '20.20.2',
    libraries, invocations, cpuTimeMs: 2.5, memory: { rssBytes: 90_000_000, heapUsedBytes: 30_000_000, peakRssBytes: 95_000_000 },
    io: { readBytes: 0, writeBytes: 512 }, requestBytes: 200 * invocations, responseBytes: 1500 * invocations, executionTimeMs: 8,
    executionTimeMaxMs: 20, timestamp: new Date(now - (i % 20) * 1000).toISOString(), windowSeconds: 10, histograms: { executionTimeMs, rssBytes } };
}
const t: Record<string, number[]> = {};
async function main() {
  const url = await recreateDatabase(`tailor_stage_${randomUUID().slice(0, 8)}`);
  execFileSync(process.execPath, ['-r', '@swc-node/register', 'scripts/migrate.ts', 'apply'], { cwd: resolve(__dirname, '../..'), env: { ...process.env, DATABASE_URL: url }, stdio: 'ignore' });
  const pool = new Pool({ connectionString: url, max: 2 });
  const repo = new ProfilingEventRepository(pool as never);
  const origConnect = pool.connect.bind(pool);
  (pool as any).connect = async () => { const c: any = await origConnect(); if (!c.__w) { c.__w = true; const q = c.query.bind(c); c.query = async (sql: any, params?: any) => { const name = 'sql:' + String(sql).trim().split(/\s+/).slice(0, 3).join(' '); const s = performance.now(); const r = await q(sql, params); (t[name] ??= []).push(performance.now() - s); return r; }; } return c; };
  const pipe = new ProfilingBatchPipe();
  
  const time = async <T>(name: string, f: () => T | Promise<T>): Promise<T> => { const s = performance.now(); const r = await f(); (t[name] ??= []).push(performance.now() - s); return r; };
  for (let k = 0; k < 12; k++) {
    const now = Date.now();
    const text = JSON.stringify({ batchId: randomUUID(), events: Array.from({ length: N }, (_, i) => record(k * N + i, now)) });
    const raw = await time('JSON.parse', () => JSON.parse(text));
    const batch = await time('validate', () => pipe.transform(raw));
    const deltas = await time('rollupDeltas', () => rollupDeltas(batch.events));
    await time('storeBatch', () => repo.storeBatch(batch, deltas));
  }
  const med = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
  for (const [k, v] of Object.entries(t)) console.log(k.padEnd(14), med(v.slice(2)).toFixed(1), 'ms median of', v.length - 2, ' per event µs', (med(v.slice(2)) * 1000 / N).toFixed(1));
  await pool.end();
}
void main();
