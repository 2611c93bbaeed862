/**
 * The load generator of bench:provision: POST /provision at a fixed rate (open loop) or one at a time. Run by the bench
 * as its own small process (`node -r @swc-node/register tools/bench/lib/provision-load.ts '<json>'`), so that the bench's
 * large heap (it holds the services' output and imports the test helpers) does not pause the client: a 10 ms
 * mark-compact there showed up as 10 ms of latency here.
 */
import http from 'node:http';

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** ends the keep-alive connections, so that the process can exit */
export const closeConnections = (): void => agent.destroy();

export interface Answer {
  status: number;
  body: { id?: string; path?: string; container?: { id: string }; timings?: Record<string, number> };
  ms: number;
  end: number;
}

export function call(base: string, method: string, path: string, payload?: unknown): Promise<Answer> {
  const body = payload === undefined ? undefined : JSON.stringify(payload);
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = http.request(
      new URL(path, base),
      { method, agent, headers: body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : {} },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const end = performance.now();
          const text = Buffer.concat(chunks).toString();
          let parsed: Answer['body'] = {};
          try {
            parsed = text ? (JSON.parse(text) as Answer['body']) : {};
          } catch {
            // not JSON: counted by its status
          }
          resolve({ status: res.statusCode ?? 0, body: parsed, ms: end - started, end });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** POST /provision, keeping only what the bench's tables need of the environment */
export async function provision(base: string, payload: unknown): Promise<Answer> {
  const answer = await call(base, 'POST', '/provision', payload);
  const { id, path, container, timings } = answer.body;
  const body = { id, path, container: container && { id: container.id }, timings: timings && { totalMs: timings.totalMs, claimMs: timings.claimMs } };
  return { ...answer, body: answer.status === 201 ? body : answer.body };
}

/** Sends `count` requests at `rate` per second on schedule (open loop), and answers every answer. */
export async function atFixedRate(rate: number, count: number, send: () => Promise<Answer>) {
  const interval = 1000 / rate;
  const start = performance.now();
  const pending: Promise<Answer>[] = [];
  let maxLagMs = 0;
  for (let i = 0; i < count; i++) {
    const due = start + i * interval;
    const wait = due - performance.now();
    if (wait >= 1) await sleep(wait);
    maxLagMs = Math.max(maxLagMs, performance.now() - due);
    pending.push(send());
  }
  const answers = await Promise.all(pending);
  const elapsedMs = Math.max(...answers.map((answer) => answer.end)) - start;
  return { answers, elapsedMs, maxLagMs };
}

export async function oneAtATime(count: number, send: () => Promise<Answer>) {
  const start = performance.now();
  const answers: Answer[] = [];
  for (let i = 0; i < count; i++) answers.push(await send());
  return { answers, elapsedMs: performance.now() - start, maxLagMs: 0 };
}

export interface LoadPlan {
  base: string;
  payload: unknown;
  /** requests per second; 0 sends them one at a time */
  rate: number;
  count: number;
}

export type LoadResult = Awaited<ReturnType<typeof atFixedRate>> & { cpuMs: number };

/** connections that stay open for the measured requests: more than a stall of the provisioner keeps in flight */
const WARM_UP_CONNECTIONS = 32;
const WARM_UP_REQUESTS_EACH = 8;

/**
 * This process is new for every phase: before it measures, its HTTP client code is compiled, its keep-alive
 * connections are open and the garbage of its start-up is collected, so that its first mark-compact (2–6 ms, about
 * 250 ms after it starts) cannot fall among the measured requests. The requests are refused by validation (400), so
 * they claim no container. They are not in the results, but the provisioner's CPU of the sustained phase includes them
 * (256 refused requests next to 2,500–10,000 measured).
 */
async function warmUp(base: string): Promise<void> {
  await Promise.all(
    Array.from({ length: WARM_UP_CONNECTIONS }, async () => {
      for (let i = 0; i < WARM_UP_REQUESTS_EACH; i++) await call(base, 'POST', '/provision', {});
    }),
  );
  global.gc?.(); // the bench starts this process with --expose-gc
}

async function runPlan({ base, payload, rate, count }: LoadPlan): Promise<LoadResult> {
  await warmUp(base);
  const cpuBefore = process.cpuUsage();
  const send = () => provision(base, payload);
  const result = rate > 0 ? await atFixedRate(rate, count, send) : await oneAtATime(count, send);
  const cpu = process.cpuUsage(cpuBefore);
  closeConnections();
  return { ...result, cpuMs: (cpu.user + cpu.system) / 1000 };
}

if (require.main === module) {
  runPlan(JSON.parse(process.argv[2] ?? '{}') as LoadPlan).then(
    (result) => process.stdout.write(JSON.stringify(result)),
    (error: unknown) => {
      process.stderr.write(`${String(error)}\n`);
      process.exit(1);
    },
  );
}
