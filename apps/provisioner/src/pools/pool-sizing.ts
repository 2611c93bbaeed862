/** What one pool asks for in a reconcile, before the memory budget is shared. */
export interface PoolDemand {
  key: string;
  memoryMb: number;
  /** containers the policy, the forecast and the floors ask for */
  desired: number;
  /** containers an operator's pre-warm guarantees (served first) */
  guaranteed: number;
  /** expected benefit of the first container: the probability that it serves an invocation this minute */
  benefit: number;
}

/** The stored state of a pool its demand depends on. */
export interface SizedPool {
  profileHash: string;
  memoryMb: number;
  minSize: number;
  minSizeUntil: Date | null;
  floorUntil: Date | null;
}

/** What a pool's demand is decided from in one reconcile. */
export interface DemandSignals {
  now: number;
  /** containers kept while a pool's reactive floor (after a cold start) lasts */
  reactiveFloor: number;
  /** the predictor's forecast for the pool's endpoint, when the Tailor policy has one */
  forecast?: {
    /** the probability that the endpoint is invoked this minute or the next */
    benefit: number;
    /** whether that probability pays for the container's memory */
    worthKeeping: boolean;
    expectedConcurrency: number;
  };
  /** without a forecast, the online keep-warm policy's decision for this minute (asked only then) */
  policy: () => { keepLoaded: boolean; expectedConcurrency: number; prewarmNextMinute: boolean };
}

/**
 * One pool's demand: the forecast's containers when it has one (else the online policy's, with an even chance of
 * serving), at least the reactive floor while it lasts, and the operator's pre-warm while it lasts.
 */
export function poolDemand(pool: SizedPool, signals: DemandSignals): PoolDemand {
  const guaranteed = pool.minSizeUntil && pool.minSizeUntil.getTime() > signals.now ? pool.minSize : 0;
  const floor = pool.floorUntil && pool.floorUntil.getTime() > signals.now ? signals.reactiveFloor : 0;

  let desired = 0;
  let benefit = 0;
  if (signals.forecast) {
    benefit = signals.forecast.benefit;
    if (signals.forecast.worthKeeping) desired = Math.max(1, signals.forecast.expectedConcurrency);
  } else {
    const decision = signals.policy();
    if (decision.keepLoaded) desired = Math.max(1, decision.expectedConcurrency);
    else if (decision.prewarmNextMinute) desired = 1;
    benefit = desired > 0 ? 0.5 : 0;
  }
  if (floor > desired) {
    desired = floor;
    benefit = Math.max(benefit, 0.5);
  }
  return { key: pool.profileHash, memoryMb: pool.memoryMb, desired, guaranteed, benefit };
}

/**
 * Shares the memory budget among the pools by expected benefit per MB: the i-th container of a pool is worth
 * `benefit / i` (each further one is less likely to be needed), guaranteed containers come first (even past the cap of
 * a pool), and units that do not
 * fit are skipped so that smaller pools can still use the remainder.
 */
export function allocateBudget(demands: readonly PoolDemand[], budgetMb: number, maxPerPool: number): Map<string, number> {
  const units: { key: string; memoryMb: number; score: number }[] = [];
  for (const demand of demands) {
    const wanted = Math.max(Math.min(demand.desired, maxPerPool), demand.guaranteed);
    for (let i = 1; i <= wanted; i++) {
      const guaranteed = i <= demand.guaranteed ? 1 : 0;
      units.push({ key: demand.key, memoryMb: demand.memoryMb, score: guaranteed * 1e9 + demand.benefit / i / Math.max(demand.memoryMb, 1) });
    }
  }
  units.sort((a, b) => b.score - a.score);
  const allocation = new Map<string, number>(demands.map((demand) => [demand.key, 0]));
  let left = budgetMb;
  for (const unit of units) {
    if (unit.memoryMb > left) continue;
    left -= unit.memoryMb;
    allocation.set(unit.key, (allocation.get(unit.key) ?? 0) + 1);
  }
  return allocation;
}

export interface MemberView {
  id: string;
  state: 'starting' | 'idle' | 'stopping' | 'claimed';
  imageRef: string;
  idleSince: Date | null;
}

export interface PoolPlan {
  start: number;
  stop: string[];
}

/**
 * What to do with one pool to reach `target` containers of `imageRef`: containers of another image (a covering or base
 * image once the specialized one is built) are stopped, excess idle ones are stopped longest-idle first, and missing
 * ones are started.
 */
export function planPool(members: readonly MemberView[], target: number, imageRef: string): PoolPlan {
  const live = members.filter((member) => member.state === 'idle' || member.state === 'starting');
  const stale = live.filter((member) => member.imageRef !== imageRef);
  const current = live.filter((member) => member.imageRef === imageRef);
  const stop = stale.map((member) => member.id);
  const excess = current.length - target;
  if (excess > 0) {
    const idle = current
      .filter((member) => member.state === 'idle')
      .sort((a, b) => (a.idleSince?.getTime() ?? 0) - (b.idleSince?.getTime() ?? 0));
    stop.push(...idle.slice(0, excess).map((member) => member.id));
  }
  return { start: Math.max(0, target - current.length), stop };
}
