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
