import type { PoolState } from './pool-state';
import type { ReplayedFunction } from './trace-subset';

export interface MinuteCounts {
  invokedMinutes: number;
  coldMinutes: number;
  /** answers other than 201 (counted as cold too: no warm container served them) */
  failures: number;
  paths: Record<string, number>;
  /** minutes whose provisions were sent before the reconciler had sized the pools for that minute, and their cold answers */
  sentBeforeReconcile: number;
  coldBeforeReconcile: number;
  /** minutes whose provisions were not all answered before the minute ended */
  overran: number;
  perFunction: Record<string, { invoked: number; cold: number }>;
  failureSamples: string[];
}

export interface MinuteDriverOptions {
  provisionerUrl: string;
  functions: ReplayedFunction[];
  pools: PoolState;
  /** wall-clock start (ms since the epoch) of policy minute `minute` */
  startOf: (minute: number) => number;
  minuteMs: number;
  /** share of a minute to wait, at most, for the reconciler's sizing of that minute */
  reconcileWaitShare: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

async function provision(url: string, f: ReplayedFunction): Promise<{ id?: string; path: string; error?: string }> {
  try {
    const response = await fetch(`${url}/provision`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ applicationId: f.applicationId, endpointId: f.endpointId }),
    });
    const body = (await response.json()) as { id?: string; path?: string; code?: string; message?: string };
    if (response.status !== 201) return { path: 'failed', error: `${response.status} ${body.code}: ${body.message}` };
    return { id: body.id, path: body.path ?? 'unknown' };
  } catch (error) {
    return { path: 'failed', error: (error as Error).message };
  }
}

async function release(url: string, id: string): Promise<void> {
  await fetch(`${url}/environments/${id}`, { method: 'DELETE' })
    .then((response) => response.arrayBuffer())
    .catch(() => undefined);
}

/**
 * Drives the trace through POST /provision minute by minute: in each policy minute, once the reconciler has sized the
 * pools for it (or a share of the minute has passed), one provision per function invoked in that trace minute, all at
 * once; an answer is cold unless its path is `warm_hit`. Each environment is released as soon as it has answered
 * (without waiting: the next minute does not wait for the removals).
 */
export async function driveMinutes(from: number, to: number, options: MinuteDriverOptions): Promise<MinuteCounts> {
  const counts: MinuteCounts = {
    invokedMinutes: 0,
    coldMinutes: 0,
    failures: 0,
    paths: {},
    sentBeforeReconcile: 0,
    coldBeforeReconcile: 0,
    overran: 0,
    perFunction: Object.fromEntries(options.functions.map((f) => [f.endpointId, { invoked: 0, cold: 0 }])),
    failureSamples: [],
  };
  const next = new Map(options.functions.map((f) => [f.endpointId, 0]));
  const releases: Promise<void>[] = [];
  for (let minute = from; minute < to; minute++) {
    const invoked = options.functions.filter((f) => f.trace.invokedMinutes[next.get(f.endpointId) ?? 0] === minute);
    for (const f of invoked) next.set(f.endpointId, (next.get(f.endpointId) ?? 0) + 1);
    const start = options.startOf(minute);
    await sleep(start - Date.now());
    if (invoked.length === 0) continue;
    const reconciled = await reconciledFor(start, options);
    if (!reconciled) counts.sentBeforeReconcile += 1;

    const answers = await Promise.all(invoked.map((f) => provision(options.provisionerUrl, f)));
    if (Date.now() >= start + options.minuteMs) counts.overran += 1;
    answers.forEach((answer, i) => {
      const tally = counts.perFunction[invoked[i].endpointId];
      tally.invoked += 1;
      counts.invokedMinutes += 1;
      counts.paths[answer.path] = (counts.paths[answer.path] ?? 0) + 1;
      if (answer.path !== 'warm_hit') {
        tally.cold += 1;
        counts.coldMinutes += 1;
        if (!reconciled) counts.coldBeforeReconcile += 1;
      }
      if (answer.error) {
        counts.failures += 1;
        if (counts.failureSamples.length < 5) counts.failureSamples.push(answer.error);
      }
    });
    for (const answer of answers) if (answer.id) releases.push(release(options.provisionerUrl, answer.id));
  }
  await Promise.all(releases);
  return counts;
}

/** Waits until the reconciler has finished the cycle of the minute that began at `start`; false past the deadline. */
async function reconciledFor(start: number, options: MinuteDriverOptions): Promise<boolean> {
  const deadline = start + options.reconcileWaitShare * options.minuteMs;
  for (;;) {
    if ((await options.pools.poolCount()) === 0) return true;
    const at = await options.pools.lastReconciledAt();
    if (at !== null && at >= start) return true;
    if (Date.now() >= deadline) return false;
    await sleep(20);
  }
}
