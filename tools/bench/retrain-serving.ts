/**
 * Serving during a retrain (issue #5): the predictor as its own process (`node -r @swc-node/register`, as the stack runs
 * it) on a fresh database seeded with the benchmark workload; GET /v1/profiles latency from a closed loop of clients
 * while no retrain runs, then while a retrain's worker thread trains and evaluates. For reference, the same training
 * job run on this process's event loop: the time a request would wait behind it if training were not in a worker.
 *
 *   npm run bench:retrain-serving      (BENCH_COPIES=8 BENCH_CLIENTS=4 BENCH_IDLE_SECONDS=5)
 */
import { execFileSync } from 'node:child_process';
import { loadavg } from 'node:os';

import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@tailor/prisma';
import { percentile } from '@tailor/ml';
import { DEFAULT_LIBRARY_COSTS, DEFAULT_TRAINING_OPTIONS, runTrainingJob } from '@tailor/runtime-model';
import {
  dropDatabase,
  recreateDatabase,
  type ServiceProcess,
  startServiceProcess,
  storeRollups,
  uniqueNamespace,
} from '@tailor/testing';

import { benchWorkload } from './bench-data';

const COPIES = Number(process.env.BENCH_COPIES ?? 8);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 4);
const IDLE_SECONDS = Number(process.env.BENCH_IDLE_SECONDS ?? 5);
const databaseName = `tailor_bench_retrain_${process.pid}`;

const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));


interface Sample {
  sentAt: number;
  ms: number;
  status: number;
}

/** Closed loop: each client sends its next request when the previous one is answered, until `stop()` is true. */
async function serve(
  url: string,
  endpoints: { applicationId: string; endpointId: string }[],
  stop: () => boolean,
): Promise<Sample[]> {
  const samples: Sample[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (!stop()) {
        const { applicationId, endpointId } = endpoints[next++ % endpoints.length];
        const sentAt = performance.now();
        const response = await fetch(
          `${url}/v1/profiles/${encodeURIComponent(applicationId)}/${encodeURIComponent(endpointId)}`,
        );
        await response.arrayBuffer();
        samples.push({ sentAt, ms: performance.now() - sentAt, status: response.status });
      }
    }),
  );
  return samples;
}

async function retrain(
  url: string,
  onPhase: (phase: string) => void = () => undefined,
): Promise<{ state: string; result: unknown }> {
  const { jobId } = (await (await fetch(`${url}/v1/models/retrain`, { method: 'POST' })).json()) as { jobId: string };
  for (;;) {
    const status = (await (await fetch(`${url}/v1/models/retrain/${jobId}`)).json()) as {
      state: string;
      progress: { phase: string } | null;
      result: unknown;
    };
    if (status.progress) onPhase(status.progress.phase);
    if (status.state === 'completed' || status.state === 'failed') return status;
    await sleep(50);
  }
}

const summary = (name: string, samples: Sample[]) => {
  if (samples.length === 0) return `${name.padEnd(26)} no request sent meanwhile`;
  const ms = samples.map((s) => s.ms);
  const failed = samples.filter((s) => s.status !== 200).length;
  return `${name.padEnd(26)} requests ${String(samples.length).padStart(5)}  non-200 ${failed}  p50 ${percentile(ms, 0.5).toFixed(1)} ms  p99 ${percentile(ms, 0.99).toFixed(1)} ms  max ${Math.max(...ms).toFixed(1)} ms`;
};

async function main(): Promise<void> {
  const workload = await benchWorkload(COPIES, Math.floor(Date.now() / 3_600_000) * 3_600_000);
  let predictor: ServiceProcess | undefined;
  try {
    const databaseUrl = await recreateDatabase(databaseName);
    execFileSync(process.execPath, ['-r', '@swc-node/register', 'tools/scripts/migrate.ts', 'apply'], {
      env: { ...process.env, DATABASE_URL: databaseUrl },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) });
    await storeRollups(prisma, workload);
    await prisma.$disconnect();
    log(
      `seeded ${workload.endpoints} endpoints: ${workload.minuteRows.length} minute and ${workload.hourRows.length} hour rollups`,
    );

    predictor = await startServiceProcess(
      'predictor',
      {
        DATABASE_URL: databaseUrl,
        TAILOR_NAMESPACE: uniqueNamespace('bench-retrain'),
        MODEL_TRAINING_DAYS: '1',
        MODEL_WINDOW_MINUTES: '60',
      },
      60_000,
    );
    const url = predictor.url;
    const first = await retrain(url);
    log(`first retrain: ${JSON.stringify(first.result)}`);
    const endpoints = [
      ...new Map(workload.hourRows.map((r) => [`${r.applicationId}\n${r.endpointId}`, r])).values(),
    ].map((r) => ({
      applicationId: r.applicationId,
      endpointId: r.endpointId,
    }));

    const idleUntil = performance.now() + IDLE_SECONDS * 1000;
    const idle = await serve(url, endpoints, () => performance.now() > idleUntil);

    let loadingFrom = Number.NaN;
    let trainingFrom = Number.NaN;
    let trainingTo = Number.NaN;
    let done = false;
    const during = serve(url, endpoints, () => done);
    const second = await retrain(url, (phase) => {
      if (phase === 'loading-data' && Number.isNaN(loadingFrom)) loadingFrom = performance.now();
      if (phase === 'training' && Number.isNaN(trainingFrom)) trainingFrom = performance.now();
      if ((phase === 'promoting' || phase === 'done') && Number.isNaN(trainingTo)) trainingTo = performance.now();
    });
    done = true;
    const samples = await during;
    const inLoading = samples.filter((s) => s.sentAt >= loadingFrom && s.sentAt < trainingFrom);
    const inTraining = samples.filter((s) => s.sentAt >= trainingFrom && s.sentAt <= trainingTo);

    const started = performance.now();
    const now = Date.now();
    runTrainingJob({
      windowRows: workload.hourRows,
      minuteRows: workload.minuteRows,
      feedback: [],
      windowMinutes: 60,
      from: now - 86_400_000,
      to: now,
      options: { ...DEFAULT_TRAINING_OPTIONS, costs: DEFAULT_LIBRARY_COSTS },
    });
    const onLoopMs = performance.now() - started;

    console.log(
      `data: ${workload.endpoints} endpoints, ${workload.minuteRows.length} minute rollups; ${CLIENTS} clients; load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
    console.log(`second retrain: ${JSON.stringify(second.result)}`);
    console.log(summary('no retrain', idle));
    console.log(summary('retrain reading rows', inLoading));
    console.log(summary('retrain training/evaluating', inTraining));
    console.log(`  (worker phases observed for ${((trainingTo - trainingFrom) / 1000).toFixed(1)} s)`);
    console.log(
      `the same training job on this process's event loop: ${(onLoopMs / 1000).toFixed(1)} s that no request would be answered in`,
    );
  } finally {
    await predictor?.stop();
    await dropDatabase(databaseName);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
