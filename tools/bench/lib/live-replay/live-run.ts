import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';

import { TailorLabel } from '@tailor/docker';
import {
  ADMIN_DATABASE_URL,
  databaseUrl,
  type ServiceProcess,
  startServiceProcess,
  uniqueNamespace,
} from '@tailor/testing';
import type Docker from 'dockerode';
import { Client } from 'pg';

import { startForecastOnlyPredictor, type StandInPredictor } from './forecast-only-predictor';
import { type IdleMemory, IdleMemorySampler } from './idle-memory-sampler';
import { type LivePolicy, policyEnv } from './live-policy';
import { driveMinutes, type MinuteCounts } from './minute-driver';
import { PoolState } from './pool-state';
import type { TraceSubset } from './trace-subset';

export interface LiveRunSettings {
  minuteMs: number;
  /** time given to the provisioner to start before the first replayed minute (doubled, up to twice, when short) */
  startDelayMs: number;
  sampleMs: number;
  reconcileWaitShare: number;
  /** containers kept after a cold start (the provisioner's reactive floor) */
  reactiveFloor: number;
  /** POOL_REACTIVE_FLOOR_MS in policy minutes (the production default is 10 real minutes) */
  floorMinutes: number;
  poolBudgetMb: number;
  /** the provisioner's bound on the runtime-factory's answers */
  dependencyTimeoutMs: number;
}

export interface LiveOutcome extends MinuteCounts, IdleMemory {
  policy: string;
  namespace: string;
  wallSeconds: number;
  load: { start: number[]; end: number[] };
}

const START_TIMEOUT_MS = 180_000;
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const START_ATTEMPTS = 3;

const load = () => loadavg().map((value) => Math.round(value * 100) / 100);

/** Everything one live run created, removed whether it succeeded or not. */
export class LiveRunResources {
  readonly services: ServiceProcess[] = [];
  predictor?: StandInPredictor;
  database?: string;

  constructor(
    readonly namespace: string,
    private readonly docker: Docker,
  ) {}

  /** Stops the apps (their output goes to `<logDir>/<namespace>-<app>.log` when given), removes containers and database. */
  async remove(logDir?: string): Promise<number> {
    if (logDir) {
      mkdirSync(logDir, { recursive: true });
      for (const service of this.services)
        writeFileSync(join(logDir, `${this.namespace}-${service.app}.log`), service.output());
    }
    await Promise.all(this.services.splice(0).map((service) => service.stop().catch(() => undefined)));
    await this.predictor?.close().catch(() => undefined);
    this.predictor = undefined;
    const leftovers = await this.docker.listContainers({
      all: true,
      filters: { label: [`${TailorLabel.Namespace}=${this.namespace}`] },
    });
    await Promise.all(
      leftovers.map((c) =>
        this.docker
          .getContainer(c.Id)
          .remove({ force: true })
          .catch(() => undefined),
      ),
    );
    if (this.database) await dropDatabase(this.database);
    this.database = undefined;
    return leftovers.length;
  }
}

export async function dropDatabase(name: string): Promise<void> {
  const admin = new Client({ connectionString: ADMIN_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

async function copyDatabase(template: string, name: string): Promise<string> {
  const admin = new Client({ connectionString: ADMIN_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  } finally {
    await admin.end();
  }
  return databaseUrl(name);
}

/**
 * One policy through the real stack: a copy of the template database (migrated, with each function's profile), a new
 * namespace, a stand-in predictor, the runtime-factory and the provisioner (WARM_POLICY of `policy`, the policy clock compressed so that
 * policy minute m is trace minute m, beginning `startDelayMs` from now), then the trace minute by minute while the
 * pools' idle memory is sampled. The predictor is a stand-in (see startForecastOnlyPredictor): the provisioner serves
 * each endpoint's stored profile (`last_known`), so that every function has a pool of its own.
 */
/**
 * The provisioner with its policy clock set so that trace minute `from` begins `startDelayMs` from now; started again
 * with a later origin (twice the delay) when it took longer than that to start.
 */
async function startProvisioner(
  policy: LivePolicy,
  settings: LiveRunSettings,
  env: Record<string, string>,
  from: number,
  resources: LiveRunResources,
): Promise<{ provisioner: ServiceProcess; startOf: (minute: number) => number }> {
  const { minuteMs } = settings;
  const inMinutes = (minutes: number) => String(Math.round(minutes * minuteMs));
  let delayMs = settings.startDelayMs;
  for (let attempt = 1; ; attempt++) {
    const originMs = Date.now() + delayMs - from * minuteMs;
    const startOf = (minute: number) => originMs + minute * minuteMs;
    const provisioner = await startServiceProcess(
      'provisioner',
      {
        ...env,
        ...policyEnv(policy),
        WARM_POLICY_MINUTE_MS: String(minuteMs),
        WARM_POLICY_CLOCK_ORIGIN: new Date(originMs).toISOString(),
        POOL_REACTIVE_FLOOR: String(settings.reactiveFloor),
        POOL_REACTIVE_FLOOR_MS: inMinutes(settings.floorMinutes),
        POOL_MEMORY_BUDGET_MB: String(settings.poolBudgetMb),
        POOL_LEASE_MS: String(Math.max(30_000, 10 * minuteMs)),
        ENVIRONMENT_TTL_MS: String(Math.max(60_000, 10 * minuteMs)),
        // the stand-in predictor never answers this: each provision serves the endpoint's stored profile after the wait
        PREDICT_TIMEOUT_MS: '25',
        DEPENDENCY_TIMEOUT_MS: String(settings.dependencyTimeoutMs),
      },
      START_TIMEOUT_MS,
    );
    if (Date.now() <= startOf(from) - minuteMs / 2) {
      resources.services.push(provisioner);
      return { provisioner, startOf };
    }
    await provisioner.stop();
    if (attempt === START_ATTEMPTS) throw new Error(`the provisioner took longer than ${delayMs} ms to start`);
    delayMs *= 2;
  }
}

export async function runPolicy(
  policy: LivePolicy,
  subset: TraceSubset,
  settings: LiveRunSettings,
  template: string,
  docker: Docker,
  track: (resources: LiveRunResources) => void,
): Promise<LiveOutcome> {
  const resources = new LiveRunResources(uniqueNamespace('live-replay'), docker);
  track(resources);
  const started = performance.now();
  const loadAtStart = load();
  const { minuteMs } = settings;
  const from = subset.trace.firstMinute;
  const to = from + subset.trace.minuteCount;
  resources.database = resources.namespace.replace(/-/g, '_');
  const url = await copyDatabase(template, resources.database);
  const env = { DATABASE_URL: url, TAILOR_NAMESPACE: resources.namespace, LOG_LEVEL: 'info' };
  resources.predictor = await startForecastOnlyPredictor(resources.namespace, REDIS_URL);
  resources.services.push(await startServiceProcess('runtime-factory', env, START_TIMEOUT_MS));
  const { provisioner, startOf } = await startProvisioner(policy, settings, env, from, resources);

  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    const pools = new PoolState(db, resources.namespace);
    const sampler = new IdleMemorySampler(pools, settings.sampleMs, minuteMs);
    await new Promise((resolve) => setTimeout(resolve, startOf(from) - Date.now()));
    sampler.start();
    const counts = await driveMinutes(from, to, {
      provisionerUrl: provisioner.url,
      functions: subset.functions,
      pools,
      startOf,
      minuteMs,
      reconcileWaitShare: settings.reconcileWaitShare,
    });
    await new Promise((resolve) => setTimeout(resolve, startOf(to) - Date.now()));
    const idle = await sampler.stop();
    return {
      policy: policy.label,
      namespace: resources.namespace,
      ...counts,
      ...idle,
      wallSeconds: (performance.now() - started) / 1000,
      load: { start: loadAtStart, end: load() },
    };
  } finally {
    await db.end();
  }
}
