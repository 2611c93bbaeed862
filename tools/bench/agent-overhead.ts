// npm run bench:agent-overhead — what the profiling agent adds to a real Express route (p50/p99 per request, against
// the same route without the agent, measured in the same run), what its own hooks cost, and the memory it holds when
// its buffer is full because profiler-ingest is down.
import { fork } from 'node:child_process';
import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { gunzipSync } from 'node:zlib';

import { percentileOfSorted } from '@tailor/ml';
import { ProfilingAgent } from '@tailor/profiling-agent';
// the servers run in child processes; loaded here too, so that the memory figure holds a real app's libraries as before
import 'express';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 10_000);
const ROUNDS = 6;
const DOWN_INGEST = 'http://127.0.0.1:9'; // nothing listens: the agent keeps retrying in the background
/** a folder: each server process writes its CPU profile there (without-agent.cpuprofile, with-agent.cpuprofile) */
const CPU_PROFILE_DIR = process.env.BENCH_CPU_PROFILE;

const sortNumbers = (values: number[]) => values.sort((a, b) => a - b);

interface ServerProcess {
  port: number;
  /** CPU time (user + system) the server process used so far */
  cpuMicros(): Promise<number>;
  stop(): Promise<void>;
}

/** The route in a process of its own (tools/bench/lib/agent-overhead-server.ts), so that only its own work is measured. */
function startServer(profiled: boolean, ingestUrl: string): Promise<ServerProcess> {
  const child = fork(resolve(__dirname, 'lib/agent-overhead-server.ts'), [], {
    execArgv: ['-r', '@swc-node/register'],
    env: {
      ...process.env,
      PROFILED: profiled ? '1' : '0',
      INGEST_URL: ingestUrl,
      ...(CPU_PROFILE_DIR
        ? { CPU_PROFILE: resolve(CPU_PROFILE_DIR, `${profiled ? 'with' : 'without'}-agent.cpuprofile`) }
        : {}),
    },
  });
  const next = <T>() => new Promise<T>((resolveMessage) => child.once('message', (m) => resolveMessage(m as T)));
  return next<{ port: number }>().then(({ port }) => ({
    port,
    cpuMicros: async () => {
      const answer = next<{ cpuMicros: number }>();
      child.send({ cpu: true });
      return (await answer).cpuMicros;
    },
    stop: () =>
      new Promise<void>((resolveExit) => {
        child.once('exit', () => resolveExit());
        child.send({ stop: true });
      }),
  }));
}

/** profiler-ingest's answer to every batch (202 and its receipt), so that the agent ships as it would in production */
function stubIngest(): Promise<{ url: string; batches: () => number; close: () => void }> {
  let batches = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const { batchId } = JSON.parse(gunzipSync(Buffer.concat(chunks)).toString()) as { batchId: string };
      batches += 1;
      res.writeHead(202, { 'content-type': 'application/json' }).end(JSON.stringify({ batchId, duplicate: false }));
    });
  });
  return new Promise((resolveServer) =>
    server.listen(0, '127.0.0.1', () =>
      resolveServer({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        batches: () => batches,
        close: () => server.close(),
      }),
    ),
  );
}

/** sequential GETs over one kept-alive connection: latency in µs, client included */
async function latencies(port: number, count: number): Promise<number[]> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const start = process.hrtime.bigint();
    await new Promise<void>((resolveRequest, reject) => {
      request({ host: '127.0.0.1', port, path: `/users/${i}`, agent }, (res) => {
        res.resume();
        res.on('end', resolveRequest);
      })
        .on('error', reject)
        .end();
    });
    out.push(Number(process.hrtime.bigint() - start) / 1000);
  }
  agent.destroy();
  return out;
}

/** latencies of one round, and the CPU the server process spent on it per request */
async function round(server: ServerProcess, count: number): Promise<{ latencies: number[]; cpuMicros: number }> {
  const before = await server.cpuMicros();
  const measured = await latencies(server.port, count);
  return { latencies: measured, cpuMicros: (await server.cpuMicros()) - before };
}

async function routeOverhead(): Promise<void> {
  const ingest = await stubIngest();
  const plain = await startServer(false, ingest.url);
  const profiled = await startServer(true, ingest.url);
  const load = loadavg()[0] as number;
  await latencies(plain.port, 2000);
  await latencies(profiled.port, 2000);
  const without = { latencies: [] as number[], cpuMicros: 0 };
  const withAgent = { latencies: [] as number[], cpuMicros: 0 };
  // interleaved rounds, so that drift of a shared machine hits both alike
  for (let n = 0; n < ROUNDS; n++) {
    for (const [server, into] of [
      [plain, without],
      [profiled, withAgent],
    ] as const) {
      const { latencies: measured, cpuMicros } = await round(server, REQUESTS / ROUNDS);
      into.latencies.push(...measured);
      into.cpuMicros += cpuMicros;
    }
  }
  await plain.stop();
  await profiled.stop();
  ingest.close();
  sortNumbers(without.latencies);
  sortNumbers(withAgent.latencies);
  const count = without.latencies.length;
  const cpuPerRequest = (run: typeof without) => run.cpuMicros / run.latencies.length;
  const p50 = percentileOfSorted(withAgent.latencies, 0.5) - percentileOfSorted(without.latencies, 0.5);
  console.log(
    `Express GET /users/:id, each server in its own process, ${count} sequential keep-alive requests each from this process (load average ${load.toFixed(1)} → ${(loadavg()[0] as number).toFixed(1)}):`,
  );
  for (const [name, run] of [
    ['without agent', without],
    ['with agent   ', withAgent],
  ] as const) {
    console.log(
      `  ${name}   p50 ${percentileOfSorted(run.latencies, 0.5).toFixed(1)} µs   p99 ${percentileOfSorted(run.latencies, 0.99).toFixed(1)} µs   server CPU ${cpuPerRequest(run).toFixed(1)} µs per request`,
    );
  }
  console.log(
    `  overhead        p50 ${p50.toFixed(1)} µs per request (${((p50 / percentileOfSorted(without.latencies, 0.5)) * 100).toFixed(1)}% of the baseline); server CPU +${(cpuPerRequest(withAgent) - cpuPerRequest(without)).toFixed(1)} µs per request; ${ingest.batches()} batches shipped to a stub ingest`,
  );
}

function hookCost(): void {
  const agent = new ProfilingAgent({ applicationId: 'bench', ingestUrl: DOWN_INGEST, windowMs: 3_600_000 });
  const costs: number[] = [];
  for (let i = 0; i < 50_000; i++) {
    const start = process.hrtime.bigint();
    const invocation = agent.startInvocation();
    agent.finishInvocation(invocation, 'GET /users/:id', 120, 800);
    costs.push(Number(process.hrtime.bigint() - start) / 1000);
  }
  sortNumbers(costs);
  console.log(
    `agent hooks alone (startInvocation + finishInvocation), 50000 calls: p50 ${percentileOfSorted(costs, 0.5).toFixed(2)} µs   p99 ${percentileOfSorted(costs, 0.99).toFixed(2)} µs`,
  );
  void agent.shutdown(0);
}

async function memoryAtBound(): Promise<void> {
  const bound = 5_000;
  gc();
  const before = process.memoryUsage().heapUsed;
  const agent = new ProfilingAgent({
    applicationId: 'bench',
    ingestUrl: DOWN_INGEST,
    windowMs: 3_600_000,
    maxBufferedRecords: bound,
    maxEndpoints: 1_000,
    retryBaseDelayMs: 60_000,
  });
  for (let window = 0; window < 8; window++) {
    for (let endpoint = 0; endpoint < 1_000; endpoint++) {
      agent.finishInvocation(agent.startInvocation(), `GET /route-${endpoint}/:id`, 100, 1000);
    }
    await agent.flush(0);
  }
  gc();
  const held = process.memoryUsage().heapUsed - before;
  const stats = agent.stats();
  const libraries = (agent as unknown as { libraries: { current(): unknown[] } }).libraries.current().length;
  console.log(
    `memory at the buffer bound (${stats.bufferedRecords} records of ${bound}, ${libraries} libraries loaded, ingest down): ` +
      `${(held / 1024 / 1024).toFixed(2)} MiB heap (${(held / stats.bufferedRecords).toFixed(0)} B per record); ` +
      `${stats.droppedInvocations} invocations dropped and counted`,
  );
  await agent.shutdown(0);
}

async function main(): Promise<void> {
  await routeOverhead();
  hookCost();
  await memoryAtBound();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
