/**
 * Provisioning latency (issue #6), through the real stack: predictor, runtime-factory and provisioner as processes on a
 * fresh database and namespace.
 *   warm  POST /provision against a pre-warmed pool at fixed rates (open loop: requests are sent on schedule, whether or
 *         not earlier ones have answered); each round sends as many requests as the pool holds, then the environments
 *         are deleted and the pool refilled, off the measured path; an isolated round starts once the containers of the
 *         refill have booted (the cores less than 20% busy, see waitForQuietMachine)
 *   cold  POST /provision with no pool (POOL_MEMORY_BUDGET_MB=0), sequentially
 *   base  a generic runtime container started directly with dockerode (create + start + wait for /health), with the
 *         provisioner's locked-down settings: the floor of any cold start
 *   sustained  warm hits at fixed rates for several seconds each (thousands of requests, so that p99 means something),
 *         against pool rows inserted directly, without containers behind them: a warm hit reads and writes only
 *         Postgres, so the path is the one the rounds above measure with real containers; prints the CPU time each
 *         request costs the provisioner, Postgres and the client (a process of its own); starts, too, once the last round's refill
 *         has booted
 *
 *   npm run bench:provision       (BENCH_RATES=100,250,500 BENCH_POOL=100 BENCH_ROUNDS=3 BENCH_COLD=10 BENCH_BASELINE=10
 *                                  BENCH_SUSTAINED_RATES=250,500,1000 BENCH_SUSTAINED_SECONDS=10)
 */
import { execFileSync, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, totalmem } from 'node:os';

import { TailorLabel } from '@tailor/docker';
import { percentile } from '@tailor/ml';
import { RuntimeClient, runtimeContainerSpec } from '@tailor/runtime';
import { ADMIN_DATABASE_URL, recreateDatabase, ServiceProcess, startServiceProcess, uniqueNamespace } from '@tailor/testing';
import Docker from 'dockerode';
import Redis from 'ioredis';
import { Client } from 'pg';

import { waitForQuietMachine } from './lib/machine-quiet';
import { measureCpu } from './lib/process-cpu';
import { type Answer, atFixedRate, call, closeConnections, type LoadPlan, type LoadResult, provision } from './lib/provision-load';

const RATES = (process.env.BENCH_RATES ?? '100,250,500').split(',').map(Number);
const POOL = Number(process.env.BENCH_POOL ?? 100);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const COLD_RUNS = Number(process.env.BENCH_COLD ?? 10);
const BASELINE_RUNS = Number(process.env.BENCH_BASELINE ?? 10);
const SUSTAINED_RATES = (process.env.BENCH_SUSTAINED_RATES ?? '250,500,1000').split(',').filter(Boolean).map(Number);
const SUSTAINED_SECONDS = Number(process.env.BENCH_SUSTAINED_SECONDS ?? 10);
/** the default profile's memory: what each pool container reserves */
const CONTAINER_MB = 256;
const IMAGE = 'tailor/runtime:base';
const APPLICATION = { applicationId: 'bench', endpointId: 'GET /item' };

const namespace = uniqueNamespace('bench-provision');
const databaseName = `tailor_bench_provision_${process.pid}`;
const docker = new Docker({ socketPath: process.env.DOCKER_SOCKET ?? '/var/run/docker.sock' });
const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { lazyConnect: true });
/**
 * The provisioner reconciles only while it holds this lease (ReconcileLease): the bench takes it during an isolated
 * round, so that no pool refill (Docker starting containers on the same two cores) runs while warm hits are measured.
 */
const LEASE_KEY = `${namespace}:provisioner:reconcile-lease`;
const pauseReconciler = async () => {
  await redis.set(LEASE_KEY, 'bench', 'PX', 120_000);
  await sleep(1000); // a cycle in flight finishes (POOL_RECONCILE_INTERVAL_MS=500)
};
const resumeReconciler = () => redis.del(LEASE_KEY);

const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const fmt = (ms: number) => (ms < 10 ? ms.toFixed(2) : ms.toFixed(0));
const load = () => loadavg().map((value) => value.toFixed(2)).join(', ');


/** Runs a load plan in its own process (tools/bench/lib/provision-load.ts), away from this process's heap. */
function generateLoad(plan: LoadPlan): Promise<LoadResult> {
  const child = spawn(process.execPath, ['--expose-gc', '-r', '@swc-node/register', 'tools/bench/lib/provision-load.ts', JSON.stringify(plan)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(output) as LoadResult) : reject(new Error(`the load generator exited with ${code}`))));
  });
}

async function runLimited(tasks: (() => Promise<unknown>)[], limit: number): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < tasks.length) await tasks[next++]();
    }),
  );
}

async function waitForIdle(provisioner: ServiceProcess, size: number, timeoutMs = 600_000): Promise<number> {
  const started = performance.now();
  for (;;) {
    const pools = (await call(provisioner.url, 'GET', '/pools')).body as unknown as { pools: { idle: number }[] };
    const idle = pools.pools[0]?.idle ?? 0;
    if (idle >= size) return performance.now() - started;
    if (performance.now() - started > timeoutMs) throw new Error(`the pool reached ${idle} of ${size} idle containers`);
    await sleep(250);
  }
}

async function release(provisioner: ServiceProcess, answers: Answer[]): Promise<void> {
  const ids = answers.map((answer) => answer.body.id).filter((id): id is string => Boolean(id));
  await runLimited(
    ids.map((id) => () => call(provisioner.url, 'DELETE', `/environments/${id}`)),
    8,
  );
}

/** The floor of any cold start: a runtime container with the provisioner's settings, started directly. */
async function baselineStart(port: number): Promise<number> {
  const started = performance.now();
  const container = await docker.createContainer(
    runtimeContainerSpec({
      image: IMAGE,
      host: '127.0.0.1',
      port,
      env: ['TAILOR_ENVIRONMENT_ID=baseline'],
      namespace,
      kind: 'environment',
      limits: { memoryBytes: CONTAINER_MB * 1024 * 1024, nanoCpus: 500_000_000, pidsLimit: 256 },
    }),
  );
  await container.start();
  const runtime = new RuntimeClient(`http://127.0.0.1:${port}`, { timeoutMs: 500 });
  while (!(await runtime.isReady())) await sleep(5);
  const ms = performance.now() - started;
  await container.remove({ force: true });
  return ms;
}

/** Idle pool rows of the bench's pool without containers behind them (containerId `synthetic-<n>`). */
async function insertSyntheticPoolRows(database: Client, count: number): Promise<void> {
  const { rows } = await database.query<{ profileHash: string; imageRef: string; imageHash: string; imageMatch: string }>(
    'SELECT "profileHash", "imageRef", "imageHash", "imageMatch" FROM warm_pools WHERE namespace = $1',
    [namespace],
  );
  const pool = rows[0];
  if (!pool) throw new Error('the bench pool has no warm_pools row');
  await database.query(
    `INSERT INTO pool_containers (id, "profileHash", "applicationId", "endpointId", state, "imageRef", "imageHash", "imageMatch",
       "containerId", "dockerHost", host, port, "memoryBytes", "nanoCpus", "idleSince", namespace)
     SELECT gen_random_uuid(), $1, $2, $3, 'idle', $4, $5, $6, 'synthetic-' || n, $7, '127.0.0.1', 1, $8, 500000000,
       clock_timestamp(), $9
     FROM generate_series(1, $10::int) AS n`,
    [pool.profileHash, APPLICATION.applicationId, APPLICATION.endpointId, pool.imageRef, pool.imageHash, pool.imageMatch,
      process.env.DOCKER_SOCKET ?? '/var/run/docker.sock', CONTAINER_MB * 1024 * 1024, namespace, count],
  );
}

async function sustained(provisioner: ServiceProcess, database: Client): Promise<string[]> {
  const rows: string[] = [];
  // the refill after the last round starts its containers in cycles; pausing only stops the next cycle
  await waitForIdle(provisioner, POOL);
  await pauseReconciler();
  try {
    await waitForQuietMachine(); // the last containers of the refill have booted
    await insertSyntheticPoolRows(database, SUSTAINED_RATES.reduce((sum, rate) => sum + rate * SUSTAINED_SECONDS, 0) + 200);
    await atFixedRate(200, 200, () => provision(provisioner.url, APPLICATION)); // warm-up
    for (const rate of SUSTAINED_RATES) {
      await redis.set(LEASE_KEY, 'bench', 'PX', 120_000);
      const count = rate * SUSTAINED_SECONDS;
      const { answers, elapsedMs, maxLagMs, cpuMs: clientCpuMs, cpu } = await measureCpu(database, [provisioner.pid], () =>
        generateLoad({ base: provisioner.url, payload: APPLICATION, rate, count }),
      );
      const cpuPerRequestUs = (ms: number) => ((ms / count) * 1000).toFixed(0);
      const provisionerCpu = cpuPerRequestUs(cpu.nodeMs);
      const postgresCpu = cpuPerRequestUs(cpu.postgresMs);
      const clientCpu = cpuPerRequestUs(clientCpuMs);
      const latencies = answers.map((answer) => answer.ms);
      const inService = answers.map((answer) => answer.body.timings?.totalMs ?? Number.NaN);
      const containers = new Set(answers.map((answer) => answer.body.container?.id));
      const warm = answers.filter((answer) => answer.status === 201 && answer.body.path === 'warm_hit').length;
      rows.push(
        `| ${rate} req/s for ${SUSTAINED_SECONDS} s | ${count} | ${((count / elapsedMs) * 1000).toFixed(0)} | ${fmt(percentile(latencies, 0.5))} | ` +
          `${fmt(percentile(latencies, 0.99))} | ${fmt(percentile(latencies, 1))} | ${warm}/${count}${containers.size === warm ? '' : ' (a container handed out twice!)'} | ` +
          `${fmt(percentile(inService, 0.5))} / ${fmt(percentile(inService, 0.99))} | ${provisionerCpu} / ${postgresCpu} / ${clientCpu} | ${fmt(maxLagMs)} |`,
      );
      log(rows[rows.length - 1]);
    }
  } finally {
    // claimed synthetic rows became environments without containers: neither may outlive the phase
    await database.query(`UPDATE environments SET state = 'removed', "removedAt" = now() WHERE "containerId" LIKE 'synthetic-%'`);
    await database.query(`DELETE FROM pool_containers WHERE "containerId" LIKE 'synthetic-%'`);
    await resumeReconciler();
  }
  return rows;
}

async function cleanUp(services: ServiceProcess[]): Promise<void> {
  await Promise.all(services.map((service) => service.stop().catch(() => undefined)));
  const leftovers = await docker.listContainers({ all: true, filters: { label: [`${TailorLabel.Namespace}=${namespace}`] } });
  await Promise.all(leftovers.map((container) => docker.getContainer(container.Id).remove({ force: true }).catch(() => undefined)));
  const admin = new Client({ connectionString: ADMIN_DATABASE_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`);
  await admin.end();
  closeConnections();
  redis.disconnect();
  log(`removed ${leftovers.length} leftover containers and the database`);
}

async function main(): Promise<void> {
  const services: ServiceProcess[] = [];
  const stopProvisioner = async () => {
    const provisioner = services.pop();
    await provisioner?.stop();
  };
  const loadAtStart = load();
  try {
    const databaseUrl = await recreateDatabase(databaseName);
    execFileSync(process.execPath, ['-r', '@swc-node/register', 'tools/scripts/migrate.ts', 'apply'], {
      env: { ...process.env, DATABASE_URL: databaseUrl },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const env = { DATABASE_URL: databaseUrl, TAILOR_NAMESPACE: namespace };
    services.push(...(await Promise.all((['predictor', 'runtime-factory'] as const).map((name) => startServiceProcess(name, env, 60_000)))));
    const provisionerEnv = (budgetMb: number) => ({
      ...env,
      POOL_MEMORY_BUDGET_MB: String(budgetMb),
      POOL_MAX_SIZE: String(POOL),
      HOST_MEMORY_LIMIT_MB: String((POOL + 16) * CONTAINER_MB),
      POOL_RECONCILE_INTERVAL_MS: '500',
      POOL_START_CONCURRENCY: '8',
      POOL_REACTIVE_FLOOR: '0',
      // generous waits: on a loaded machine the first answers of the dependencies may be slow
      PREDICT_TIMEOUT_MS: '2000',
      DEPENDENCY_TIMEOUT_MS: '5000',
    });

    // baseline: a container started directly
    const baseline: number[] = [];
    await baselineStart(39_517);
    for (let i = 0; i < BASELINE_RUNS; i++) baseline.push(await baselineStart(39_517));
    const baselineP50 = percentile(baseline, 0.5);
    log(`baseline docker create+start+health: p50 ${fmt(baselineP50)} ms`);

    // cold: no pool at all
    let provisioner = await startServiceProcess('provisioner', provisionerEnv(0), 60_000);
    services.push(provisioner);
    const cold: number[] = [];
    const coldPaths = new Set<string>();
    for (let i = 0; i <= COLD_RUNS; i++) {
      const answer = await provision(provisioner.url, APPLICATION);
      if (answer.status !== 201) throw new Error(`cold provision answered ${answer.status}: ${JSON.stringify(answer.body)}`);
      if (i > 0) cold.push(answer.ms); // the first one warms the dependencies' caches up
      coldPaths.add(answer.body.path ?? '?');
      await release(provisioner, [answer]);
    }
    const coldP50 = percentile(cold, 0.5);
    log(`cold provision: p50 ${fmt(coldP50)} ms (${[...coldPaths].join(', ')})`);
    await stopProvisioner();

    // warm: a pre-warmed pool, refilled between rounds
    // BENCH_PROVISIONER_NODE_OPTIONS gives the measured provisioner Node options, e.g. '--require <a profiling hook>'
    const nodeOptions = process.env.BENCH_PROVISIONER_NODE_OPTIONS;
    provisioner = await startServiceProcess(
      'provisioner',
      { ...provisionerEnv(POOL * CONTAINER_MB), ...(nodeOptions ? { NODE_OPTIONS: nodeOptions } : {}) },
      60_000,
    );
    services.push(provisioner);
    const prewarm = await call(provisioner.url, 'POST', '/pools/prewarm', { ...APPLICATION, size: POOL, minutes: 60 });
    if (prewarm.status !== 200) throw new Error(`prewarm answered ${prewarm.status}: ${JSON.stringify(prewarm.body)}`);
    const fillMs = await waitForIdle(provisioner, POOL);
    log(`pool of ${POOL} filled in ${(fillMs / 1000).toFixed(1)} s`);
    // warm-up (not measured): connections, JIT, Prisma's pool
    const warmUp = await atFixedRate(50, Math.min(50, POOL), () => provision(provisioner.url, APPLICATION));
    await release(provisioner, warmUp.answers);

    const rows: string[] = [];
    const summary: { label: string; p50: number; p99: number; samples: number }[] = [];
    const measure = async (label: string, rate: number, rounds: number, isolated: boolean) => {
      const latencies: number[] = [];
      const serverMs: number[] = [];
      const claimMs: number[] = [];
      const containers = new Set<string>();
      let warm = 0;
      let elapsedMs = 0;
      let maxLagMs = 0;
      for (let round = 0; round < rounds; round++) {
        await waitForIdle(provisioner, POOL);
        if (isolated) {
          await pauseReconciler();
          await waitForQuietMachine();
        }
        const result = await generateLoad({ base: provisioner.url, payload: APPLICATION, rate, count: POOL });
        if (isolated) await resumeReconciler();
        for (const answer of result.answers) {
          latencies.push(answer.ms);
          if (answer.status === 201 && answer.body.path === 'warm_hit') warm += 1;
          if (answer.body.container) containers.add(answer.body.container.id);
          if (answer.body.timings) {
            serverMs.push(answer.body.timings.totalMs);
            claimMs.push(answer.body.timings.claimMs);
          }
        }
        elapsedMs += result.elapsedMs;
        maxLagMs = Math.max(maxLagMs, result.maxLagMs);
        await release(provisioner, result.answers);
      }
      const p50 = percentile(latencies, 0.5);
      const p99 = percentile(latencies, 0.99);
      summary.push({ label, p50, p99, samples: latencies.length });
      rows.push(
        `| ${label} | ${latencies.length} | ${((latencies.length / elapsedMs) * 1000).toFixed(0)} | ${fmt(p50)} | ${fmt(p99)} | ` +
          `${fmt(percentile(latencies, 1))} | ${warm}/${latencies.length}${containers.size === warm ? '' : ' (a container handed out twice!)'} | ` +
          `${fmt(percentile(serverMs, 0.5))} / ${fmt(percentile(serverMs, 0.99))} | ${fmt(percentile(claimMs, 0.5))} | ${fmt(maxLagMs)} |`,
      );
      log(rows[rows.length - 1]);
    };
    // one request at a time: the latency of a warm hit without any queueing
    await measure('one at a time', 0, 1, true);
    for (const rate of RATES) await measure(`${rate} req/s`, rate, ROUNDS, true);
    // the same at the highest rate while the reconciler refills the pool being drained (on the same two cores)
    const highest = Math.max(...RATES);
    await measure(`${highest} req/s, pool refilling meanwhile`, highest, 1, false);

    const database = new Client({ connectionString: databaseUrl });
    await database.connect();
    const sustainedRows = await sustained(provisioner, database).finally(() => database.end());
    // BENCH_PROVISIONER_LOG=<file> keeps what the measured provisioner printed (its logs, and V8's traces when asked for)
    if (process.env.BENCH_PROVISIONER_LOG) writeFileSync(process.env.BENCH_PROVISIONER_LOG, provisioner.output());

    console.log(`\n## Provisioning (issue #6)\n`);
    console.log(`machine: ${cpus().length} cores (${cpus()[0]?.model}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB (${(freemem() / 2 ** 30).toFixed(0)} free), node ${process.version}`);
    console.log(`load average at start: ${loadAtStart}; at end: ${load()}`);
    console.log(`pool ${POOL} containers; per rate ${ROUNDS} round(s) of ${POOL} requests sent on schedule (open loop), reconciler paused during a round unless said\n`);
    console.log(
      '| rate | requests | achieved (req/s) | p50 (ms) | p99 (ms) | max (ms) | warm hits | in service p50 / p99 (ms) | claim p50 (ms) | sender lag max (ms) |',
    );
    console.log('|---|---|---|---|---|---|---|---|---|---|');
    for (const row of rows) console.log(row);
    console.log('');
    console.log(`sustained: pool rows without containers behind them (a warm hit touches only Postgres); reconciler paused\n`);
    console.log('| rate | requests | achieved (req/s) | p50 (ms) | p99 (ms) | max (ms) | warm hits | in service p50 / p99 (ms) | CPU per request: provisioner / Postgres / client (µs) | sender lag max (ms) |');
    console.log('|---|---|---|---|---|---|---|---|---|---|');
    for (const row of sustainedRows) console.log(row);
    console.log('');
    console.log(`| path | runs | p50 (ms) | p99 (ms) | vs baseline |`);
    console.log('|---|---|---|---|---|');
    console.log(`| baseline: docker create+start+/health | ${baseline.length} | ${fmt(baselineP50)} | ${fmt(percentile(baseline, 0.99))} | 1.00x |`);
    console.log(`| cold provision (${[...coldPaths].join(', ')}) | ${cold.length} | ${fmt(coldP50)} | ${fmt(percentile(cold, 0.99))} | ${(coldP50 / baselineP50).toFixed(2)}x |`);
    for (const { label, p50, p99, samples } of summary) {
      console.log(`| warm hit at ${label} | ${samples} | ${fmt(p50)} | ${fmt(p99)} | ${(p50 / baselineP50).toFixed(4)}x (baseline ${(baselineP50 / p50).toFixed(0)}x slower) |`);
    }
  } finally {
    await cleanUp(services);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
