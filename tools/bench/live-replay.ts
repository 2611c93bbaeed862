/**
 * Live keep-warm replay (issue #6): a deterministic subset of the Azure Functions 2019 sample, time-compressed, driven
 * through POST /provision of the real stack (runtime-factory and provisioner as processes, real containers; a stand-in
 * predictor, see tools/bench/lib/live-replay/forecast-only-predictor.ts), once per keep-warm policy in the same run, each on a
 * fresh database and namespace. Reports per policy the cold invoked-minutes and the pools' idle memory, next to the
 * offline replay (libs/trace-replay) of the same functions and minutes, and whether both move the same way against fixed
 * keep-alive. Writes <out>/live-replay.json; removes its containers and databases at the end, also on failure or Ctrl-C.
 *
 *   npm run bench:live-replay
 *
 * Settings (environment, defaults in brackets): LIVE_REPLAY_POLICIES [tailor:5e-5,tailor:1e-4,fixed:10] (also hybrid),
 * LIVE_REPLAY_MINUTES [120] trace minutes from the first, LIVE_REPLAY_MINUTE_MS [2500] wall time of one trace minute,
 * LIVE_REPLAY_MIX [2,6,4] dense, regular and sparse functions, LIVE_REPLAY_TRACE [../shared/data/azure-functions-2019,
 * or the committed fixture where that folder is missing],
 * LIVE_REPLAY_OUT [tmp/live-replay], LIVE_REPLAY_LOGS [unset; 1 keeps the apps' output], LIVE_REPLAY_START_DELAY_MS
 * [20000], LIVE_REPLAY_REACTIVE_FLOOR [0] and LIVE_REPLAY_FLOOR_MINUTES [10] (how long it holds),
 * LIVE_REPLAY_DEPENDENCY_TIMEOUT_MS [5000].
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join, resolve } from 'node:path';

import { recreateDatabase, uniqueNamespace } from '@tailor/testing';
import { readAzureTrace } from '@tailor/trace-replay';
import Docker from 'dockerode';
import { Client } from 'pg';

import { functionProfiles, storeProfiles } from './lib/live-replay/function-profiles';
import { parsePolicies } from './lib/live-replay/live-policy';
import {
  directionChecks,
  formatChecks,
  formatRows,
  formatTiming,
  type PolicyRow,
} from './lib/live-replay/live-replay-report';
import { dropDatabase, type LiveRunResources, type LiveRunSettings, runPolicy } from './lib/live-replay/live-run';
import { replayOffline } from './lib/live-replay/offline-replay';
import { pickSubset } from './lib/live-replay/trace-subset';
import { traceDataDir } from './lib/trace-data';

const env = (name: string, fallback: string) => process.env[name] ?? fallback;
const TRACE = process.env.LIVE_REPLAY_TRACE ? resolve(process.env.LIVE_REPLAY_TRACE) : traceDataDir('azure-functions-2019');
const OUT = resolve(env('LIVE_REPLAY_OUT', 'tmp/live-replay'));
/** LIVE_REPLAY_LOGS=1 keeps the apps' output in <out>/logs */
const LOG_DIR = process.env.LIVE_REPLAY_LOGS === '1' ? join(OUT, 'logs') : undefined;
/** the Node version of the runtimes (the provisioner's RUNTIME_NODE_VERSION default) */
const NODE_VERSION = '20';
const MINUTES = Number(env('LIVE_REPLAY_MINUTES', '120'));
const [DENSE, REGULAR, SPARSE] = env('LIVE_REPLAY_MIX', '2,6,4').split(',').map(Number);
const POLICIES = parsePolicies(env('LIVE_REPLAY_POLICIES', 'tailor:5e-5,tailor:1e-4,fixed:10'));
const MINUTE_MS = Number(env('LIVE_REPLAY_MINUTE_MS', '2500'));
const SETTINGS: LiveRunSettings = {
  minuteMs: MINUTE_MS,
  startDelayMs: Number(env('LIVE_REPLAY_START_DELAY_MS', '20000')),
  sampleMs: Math.max(50, Math.round(MINUTE_MS / 6)),
  reconcileWaitShare: 0.85,
  reactiveFloor: Number(env('LIVE_REPLAY_REACTIVE_FLOOR', '0')),
  floorMinutes: Number(env('LIVE_REPLAY_FLOOR_MINUTES', '10')),
  poolBudgetMb: 0,
  dependencyTimeoutMs: Number(env('LIVE_REPLAY_DEPENDENCY_TIMEOUT_MS', '5000')),
};

const log = (message: string) => process.stderr.write(`[live-replay] ${message}\n`);
const docker = new Docker({ socketPath: process.env.DOCKER_SOCKET ?? '/var/run/docker.sock' });
const live: LiveRunResources[] = [];
const template = `${uniqueNamespace('live_replay_template').replace(/-/g, '_')}`;

async function removeRuns(): Promise<void> {
  for (const resources of live.splice(0)) {
    const removed = await resources
      .remove(LOG_DIR)
      .catch((error: Error) => log(`cleanup of ${resources.namespace}: ${error.message}`));
    log(`${resources.namespace}: removed ${removed ?? '?'} leftover containers and its database`);
  }
}

async function cleanUp(): Promise<void> {
  await removeRuns();
  await dropDatabase(template).catch(() => undefined);
}

function onSignal(signal: NodeJS.Signals): void {
  log(`${signal}: cleaning up`);
  void cleanUp().finally(() => process.exit(130));
}

async function main(): Promise<void> {
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  if (!(MINUTE_MS >= 100 && MINUTE_MS <= 60_000)) throw new Error('LIVE_REPLAY_MINUTE_MS must be within 100 … 60000');
  const startedAt = new Date();
  const loadAtStart = loadavg();
  const trace = await readAzureTrace(TRACE);
  const subset = pickSubset(trace, MINUTES, { dense: DENSE, regular: REGULAR, sparse: SPARSE });
  log(`${subset.functions.length} functions: ${subset.rule}`);
  log(
    `${POLICIES.map((p) => p.label).join(', ')}; one trace minute = ${MINUTE_MS} ms; ~${Math.round((POLICIES.length * (MINUTES * MINUTE_MS + SETTINGS.startDelayMs)) / 60_000)} min`,
  );

  const profiles = functionProfiles(subset.functions, NODE_VERSION);
  const provisionedMemoryMb = new Map(
    subset.functions.map((f) => [f.trace.key, profiles.get(f.endpointId)?.memoryMb ?? 0]),
  );
  const settings = { ...SETTINGS, poolBudgetMb: 2 * [...provisionedMemoryMb.values()].reduce((a, b) => a + b, 0) };
  const offline = replayOffline(subset.trace, POLICIES, provisionedMemoryMb);
  const offlineTrace = replayOffline(subset.trace, POLICIES);

  const rows: PolicyRow[] = [];
  try {
    const templateUrl = await recreateDatabase(template);
    execFileSync(process.execPath, ['-r', '@swc-node/register', 'tools/scripts/migrate.ts', 'apply'], {
      env: { ...process.env, DATABASE_URL: templateUrl },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const db = new Client({ connectionString: templateUrl });
    await db.connect();
    await storeProfiles(db, profiles).finally(() => db.end());
    for (const [i, policy] of POLICIES.entries()) {
      log(`${policy.label}: starting the stack`);
      try {
        const outcome = await runPolicy(policy, subset, settings, template, docker, (resources) =>
          live.push(resources),
        );
        rows.push({ policy: policy.label, live: outcome, offline: offline[i], offlineTrace: offlineTrace[i] });
        log(
          `${policy.label}: ${outcome.coldMinutes}/${outcome.invokedMinutes} cold, ${(outcome.idleMbMinutes / 1024).toFixed(1)} GB·min idle`,
        );
      } finally {
        await removeRuns();
      }
    }
  } finally {
    await cleanUp();
  }

  const baseline = POLICIES.find((p) => p.kind === 'fixed')?.label ?? POLICIES[0].label;
  const checks = directionChecks(rows, baseline);
  const result = {
    generatedAt: new Date().toISOString(),
    startedAt: startedAt.toISOString(),
    machine: {
      cores: cpus().length,
      model: cpus()[0]?.model,
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      node: process.version,
    },
    load: { start: loadAtStart, end: loadavg() },
    settings: { ...settings, minutes: subset.trace.minuteCount, firstMinute: subset.trace.firstMinute, trace: TRACE },
    rule: subset.rule,
    functions: subset.functions.map((f) => ({
      key: f.trace.key,
      trigger: f.trace.trigger,
      arrivalClass: f.arrivalClass,
      invokedMinutes: f.trace.invokedMinutes.length,
      traceMemoryMb: f.trace.memoryMb,
      applicationId: f.applicationId,
      endpointId: f.endpointId,
    })),
    rows,
    checks,
  };
  mkdirSync(OUT, { recursive: true });
  const file = join(OUT, 'live-replay.json');
  writeFileSync(file, JSON.stringify(result, null, 2));

  console.log(`\n## Live replay (issue #6)\n`);
  console.log(
    `${result.machine.cores} cores, ${result.machine.memoryGiB} GiB, node ${process.version}; load ${loadAtStart.map((l) => l.toFixed(2)).join(' / ')} → ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' / ')}`,
  );
  console.log(`${subset.functions.length} functions (${subset.rule}); one trace minute = ${MINUTE_MS} ms\n`);
  console.log(formatRows(rows));
  console.log('');
  console.log(formatChecks(checks));
  console.log('');
  console.log(formatTiming(rows));
  console.log(`\nwrote ${file}`);
}

main().catch(async (error: unknown) => {
  console.error(error);
  await cleanUp();
  process.exitCode = 1;
});
