// npm run bench:ingest — sustained events/s into Postgres through POST /v1/profiles and its p50/p99 acknowledgement
// latency, against a baseline measured in the same run: one INSERT per event (pg, one transaction per batch). Batches go
// in the agent's wire form (each distinct library list once, records naming theirs by index).
import { execFileSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

import { EXECUTION_TIME_BUCKETS_MS, MEMORY_BUCKETS_BYTES, ProfilingBatch, ProfilingData } from '@tailor/contracts';
import { percentileOfSorted } from '@tailor/ml';
import { shareLibraryLists } from '@tailor/profiling-agent';
import { recreateDatabase, startServiceProcess, uniqueNamespace } from '@tailor/testing';
import { Client, Pool } from 'pg';

import { measureCpu } from './lib/process-cpu';

/** 1,000 window records of 40 libraries ≈ 2 MB of JSON: within the agent's 4 MiB maxBatchBytes */
const EVENTS_PER_BATCH = Number(process.env.BENCH_BATCH ?? 1000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);
/** profiler-ingest processes (replicas of the stateless app, as README's Operations describes); senders alternate */
const REPLICAS = Number(process.env.BENCH_REPLICAS ?? 1);
const DURATION_MS = Number(process.env.BENCH_SECONDS ?? 15) * 1000;
const LIBRARIES = 40;
const ENDPOINTS = 50;
const ROOT = resolve(__dirname, '../..');

const libraries = Array.from({ length: LIBRARIES }, (_, i) => ({ name: `lib-${i}`, version: `1.${i}.0` }));

function record(i: number, now: number): ProfilingData {
  const invocations = 1 + (i % 50);
  const executionTimeMs = new Array<number>(EXECUTION_TIME_BUCKETS_MS.length + 1).fill(0);
  const rssBytes = new Array<number>(MEMORY_BUCKETS_BYTES.length + 1).fill(0);
  executionTimeMs[i % executionTimeMs.length] = invocations;
  rssBytes[i % 4] = invocations;
  return {
    applicationId: `app-${i % 5}`,
    endpointId: `GET /resource-${i % ENDPOINTS}/:id`,
    language: 'node',
    languageVersion: '20.20.2',
    libraries,
    invocations,
    cpuTimeMs: 2.5,
    memory: { rssBytes: 90_000_000, heapUsedBytes: 30_000_000, peakRssBytes: 95_000_000 },
    io: { readBytes: 0, writeBytes: 512 },
    requestBytes: 200 * invocations,
    responseBytes: 1500 * invocations,
    executionTimeMs: 8,
    executionTimeMaxMs: 20,
    timestamp: new Date(now - (i % 20) * 1000).toISOString(),
    windowSeconds: 10,
    histograms: { executionTimeMs, rssBytes },
  };
}

const batch = (n: number): ProfilingBatch => {
  const now = Date.now();
  return {
    batchId: randomUUID(),
    events: Array.from({ length: EVENTS_PER_BATCH }, (_, i) => record(n * EVENTS_PER_BATCH + i, now)),
  };
};

async function runFor(
  work: () => Promise<void>,
  durationMs = DURATION_MS,
): Promise<{ batches: number; seconds: number; latencies: number[] }> {
  const latencies: number[] = [];
  const start = performance.now();
  const worker = async () => {
    while (performance.now() - start < durationMs) {
      const t = performance.now();
      await work();
      latencies.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  latencies.sort((a, b) => a - b);
  return { batches: latencies.length, seconds: (performance.now() - start) / 1000, latencies };
}

/** Baseline: what a naive store does, one INSERT statement per event. */
async function baseline(pool: Pool): ReturnType<typeof runFor> {
  let n = 0;
  return runFor(async () => {
    const { batchId, events } = batch(n++);
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('INSERT INTO ingest_batches (id, "eventCount") VALUES ($1, $2)', [batchId, events.length]);
      for (const e of events) {
        await client.query(
          `INSERT INTO profiling_events ("batchId", "applicationId", "endpointId", language, "languageVersion", libraries,
            invocations, "cpuTimeMs", "rssBytes", "heapUsedBytes", "peakRssBytes", "ioReadBytes", "ioWriteBytes",
            "requestBytes", "responseBytes", "executionTimeMs", "recordedAt")
           VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17)`,
          [
            batchId,
            e.applicationId,
            e.endpointId,
            e.language,
            e.languageVersion,
            JSON.stringify(e.libraries),
            e.invocations,
            e.cpuTimeMs,
            e.memory.rssBytes,
            e.memory.heapUsedBytes,
            e.memory.peakRssBytes,
            e.io.readBytes,
            e.io.writeBytes,
            e.requestBytes,
            e.responseBytes,
            e.executionTimeMs,
            e.timestamp,
          ],
        );
      }
      await client.query('COMMIT');
    } finally {
      client.release();
    }
  });
}

async function main(): Promise<void> {
  const databaseUrl = await recreateDatabase(`tailor_bench_${randomUUID().slice(0, 8)}`);
  execFileSync(process.execPath, ['-r', '@swc-node/register', 'tools/scripts/migrate.ts', 'apply'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: 'ignore',
  });
  const namespace = uniqueNamespace('bench');
  const replicas = await Promise.all(
    Array.from({ length: REPLICAS }, () =>
      startServiceProcess('profiler-ingest', {
        DATABASE_URL: databaseUrl,
        TAILOR_NAMESPACE: namespace,
        RETENTION_PRUNE_INTERVAL_MS: '0',
        LOG_LEVEL: 'info',
      }),
    ),
  );
  const pool = new Pool({ connectionString: databaseUrl, max: CONCURRENCY });
  const monitor = new Client({ connectionString: databaseUrl });
  await monitor.connect();
  try {
    // bodies are made and gzipped before the clock starts: the client's work is not the ingest's. A request's body is
    // two gzip members (RFC 1952 allows several; zlib inflates them as one stream): its own batch id, then one of 64
    // pre-compressed bodies of events. Compressing each body again took the client ≈ 30 ms per batch on these 2 cores.
    const compressed = (wire: (events: ProfilingData[]) => object) =>
      Array.from({ length: 64 }, (_, n) => gzipSync(JSON.stringify(wire(batch(n).events)).slice(1), { level: 1 }));
    const shared = compressed((events) => shareLibraryLists(events));
    const bodyOf = (bodies: Buffer[], n: number) =>
      Buffer.concat([gzipSync(`{"batchId":"${randomUUID()}",`), bodies[n % bodies.length] as Buffer]);
    const sampleSize = (bodies: Buffer[]) => bodyOf(bodies, 0).length;
    let n = 0;
    const poster = (bodies: Buffer[]) => async () => {
      const body = bodyOf(bodies, n++);
      const ingest = replicas[n % replicas.length] as (typeof replicas)[number];
      const response = await fetch(`${ingest.url}/v1/profiles`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
        body,
      });
      if (response.status !== 202) throw new Error(`ingest answered ${response.status}: ${await response.text()}`);
      await response.arrayBuffer();
    };
    const post = poster(shared);
    await runFor(post, 3000); // warm-up: JIT, connection pools
    const loadBefore = loadavg()[0] as number;

    const pids = replicas.map((replica) => replica.pid);
    const ingestRun = await measureCpu(monitor, pids, () => runFor(post));
    const baselineRun = await measureCpu(monitor, [process.pid], () => baseline(pool));

    const stored = new Client({ connectionString: databaseUrl });
    await stored.connect();
    const rows = (await stored.query('SELECT count(*)::int AS n FROM profiling_events')).rows[0].n as number;
    await stored.end();

    type Run = typeof ingestRun;
    const rate = (run: Run) => (run.batches * EVENTS_PER_BATCH) / run.seconds;
    const line = (name: string, run: Run) =>
      `${name.padEnd(44)} ${rate(run).toFixed(0).padStart(8)} events/s   ack p50 ${percentileOfSorted(run.latencies, 0.5).toFixed(1)} ms   p99 ${percentileOfSorted(run.latencies, 0.99).toFixed(1)} ms   (${run.batches} batches)`;
    /** CPU per 1,000 events; cores / CPU per event bounds what an otherwise idle machine could sustain */
    const cpuLine = (name: string, run: Run) => {
      const perThousand = (ms: number) => (ms / (run.batches * EVENTS_PER_BATCH)) * 1000;
      const total = perThousand(run.cpu.nodeMs + run.cpu.postgresMs);
      return `  CPU per 1,000 events, ${name.padEnd(11)} ${total.toFixed(1)} ms (node ${perThousand(run.cpu.nodeMs).toFixed(1)} + postgres backends ${perThousand(run.cpu.postgresMs).toFixed(1)}): at most ${((cpus().length * 1e6) / total).toFixed(0)} events/s on ${cpus().length} idle cores`;
    };
    console.log(
      `batches of ${EVENTS_PER_BATCH} events (${LIBRARIES} libraries each, ${(sampleSize(shared) / 1024).toFixed(1)} KiB gzipped with the list once), ${CONCURRENCY} concurrent senders, ${REPLICAS} profiler-ingest process(es), ${DURATION_MS / 1000} s per run`,
    );
    console.log(line('POST /v1/profiles (gzip, validate, rollups)', ingestRun));
    console.log(line('baseline: one INSERT per event (pg, direct)', baselineRun));
    console.log(cpuLine('ingest', ingestRun));
    console.log(cpuLine('baseline', baselineRun));
    console.log(
      `load average (1 min) ${loadBefore.toFixed(1)} before, ${(loadavg()[0] as number).toFixed(1)} after, on ${cpus().length} cores`,
    );
    console.log(
      `ratio: ${(rate(ingestRun) / rate(baselineRun)).toFixed(1)}x the baseline; ${rows} events stored in all`,
    );
  } finally {
    await monitor.end();
    await pool.end();
    await Promise.all(replicas.map((replica) => replica.stop()));
    const admin = new Client({ connectionString: databaseUrl.replace(/\/[^/]+$/, '/postgres') });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${new URL(databaseUrl).pathname.slice(1)}" WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
