// npm run bench:agent-overhead — what the profiling agent adds to a real Express route (p50/p99 per request, against
// the same route without the agent, measured in the same run), what its own hooks cost, and the memory it holds when
// its buffer is full because profiler-ingest is down.
import { AddressInfo } from 'node:net';
import { Agent, request } from 'node:http';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

import { expressProfiling, ProfilingAgent } from '@tailor/profiling-agent';
import express from 'express';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 10_000);
const ROUNDS = 6;
const DOWN_INGEST = 'http://127.0.0.1:9'; // nothing listens: the agent keeps retrying in the background

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN;
const sortNumbers = (values: number[]) => values.sort((a, b) => a - b);

function appWith(agent: ProfilingAgent | undefined) {
  const app = express();
  if (agent) app.use(expressProfiling(agent));
  app.get('/users/:id', (req, res) => {
    res.json({ id: req.params.id, name: 'Ada', roles: ['admin', 'dev'] });
  });
  return new Promise<{ port: number; close: () => void }>((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => {
      resolve({ port: (server.address() as AddressInfo).port, close: () => server.close() });
    });
  });
}

/** sequential GETs over one kept-alive connection: latency in µs, client included */
async function latencies(port: number, count: number): Promise<number[]> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const start = process.hrtime.bigint();
    await new Promise<void>((resolve, reject) => {
      request({ host: '127.0.0.1', port, path: `/users/${i}`, agent }, (res) => {
        res.resume();
        res.on('end', resolve);
      })
        .on('error', reject)
        .end();
    });
    out.push(Number(process.hrtime.bigint() - start) / 1000);
  }
  agent.destroy();
  return out;
}

async function routeOverhead(): Promise<void> {
  const agent = new ProfilingAgent({
    applicationId: 'bench',
    ingestUrl: DOWN_INGEST,
    windowMs: 1000,
    retryBaseDelayMs: 1000,
  });
  const plain = await appWith(undefined);
  const profiled = await appWith(agent);
  await latencies(plain.port, 2000);
  await latencies(profiled.port, 2000);
  const without: number[] = [];
  const withAgent: number[] = [];
  // interleaved rounds, so that drift of a shared machine hits both alike
  for (let round = 0; round < ROUNDS; round++) {
    without.push(...(await latencies(plain.port, REQUESTS / ROUNDS)));
    withAgent.push(...(await latencies(profiled.port, REQUESTS / ROUNDS)));
  }
  sortNumbers(without);
  sortNumbers(withAgent);
  const p50 = percentile(withAgent, 0.5) - percentile(without, 0.5);
  console.log(`Express GET /users/:id, ${without.length} sequential requests each, keep-alive, client included:`);
  console.log(
    `  without agent   p50 ${percentile(without, 0.5).toFixed(1)} µs   p99 ${percentile(without, 0.99).toFixed(1)} µs`,
  );
  console.log(
    `  with agent      p50 ${percentile(withAgent, 0.5).toFixed(1)} µs   p99 ${percentile(withAgent, 0.99).toFixed(1)} µs`,
  );
  console.log(
    `  overhead        p50 ${p50.toFixed(1)} µs per request (${((p50 / percentile(without, 0.5)) * 100).toFixed(1)}% of the baseline)`,
  );
  plain.close();
  profiled.close();
  await agent.shutdown(100);
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
    `agent hooks alone (startInvocation + finishInvocation), 50000 calls: p50 ${percentile(costs, 0.5).toFixed(2)} µs   p99 ${percentile(costs, 0.99).toFixed(2)} µs`,
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
