import { percentile } from '@tailor/ml';

import type { PolicyFamily, PolicyWindowOutcome } from './trace-replay';

export interface PolicySummary {
  policy: string;
  family: PolicyFamily;
  parameter?: number;
  window: string;
  functions: number;
  invokedMinutes: number;
  coldMinutes: number;
  /** Cold invoked-minutes beyond the unavoidable first invocation of each function. */
  avoidableColdMinutes: number;
  /** Mean and 75th percentile (nearest rank) over invoked functions of their share of cold invoked-minutes, in %. */
  meanColdPercent: number;
  p75ColdPercent: number;
  idleLoadedMinutes: number;
  wasteMbMinutes: number;
  /** Waste over fixed-10's waste in the same replay and window. */
  wasteVsFixed10?: number;
}

const sum = (values: ArrayLike<number>, only?: (i: number) => boolean): number => {
  let total = 0;
  for (let i = 0; i < values.length; i++) if (!only || only(i)) total += values[i];
  return total;
};

export function summarise(outcome: PolicyWindowOutcome, only?: (i: number) => boolean): PolicySummary {
  const coldPercents: number[] = [];
  for (let i = 0; i < outcome.invokedMinutes.length; i++) {
    if ((!only || only(i)) && outcome.invokedMinutes[i] > 0) {
      coldPercents.push((100 * outcome.coldMinutes[i]) / outcome.invokedMinutes[i]);
    }
  }
  const coldMinutes = sum(outcome.coldMinutes, only);
  return {
    policy: outcome.policy,
    family: outcome.family,
    parameter: outcome.parameter,
    window: outcome.window,
    functions: coldPercents.length,
    invokedMinutes: sum(outcome.invokedMinutes, only),
    coldMinutes,
    avoidableColdMinutes: coldMinutes - sum(outcome.firstInvocation, only),
    meanColdPercent: coldPercents.length === 0 ? 0 : coldPercents.reduce((a, b) => a + b, 0) / coldPercents.length,
    p75ColdPercent: coldPercents.length === 0 ? 0 : percentile(coldPercents, 0.75),
    idleLoadedMinutes: sum(outcome.idleLoadedMinutes, only),
    wasteMbMinutes: sum(outcome.wasteMbMinutes, only),
  };
}

/** Summaries of one window, with waste relative to fixed-10 when it is among them. */
export function summariseWindow(outcomes: PolicyWindowOutcome[], window: string): PolicySummary[] {
  const summaries = outcomes.filter((o) => o.window === window).map((o) => summarise(o));
  const fixed10 = summaries.find((s) => s.family === 'fixed' && s.parameter === 10);
  if (fixed10 && fixed10.wasteMbMinutes > 0) {
    for (const s of summaries) s.wasteVsFixed10 = s.wasteMbMinutes / fixed10.wasteMbMinutes;
  }
  return summaries;
}

/** `a` Pareto-dominates `b`: no more cold starts and no more waste, at least one strictly less. */
export function dominates(a: PolicySummary, b: PolicySummary): boolean {
  return (
    a.coldMinutes <= b.coldMinutes &&
    a.wasteMbMinutes <= b.wasteMbMinutes &&
    (a.coldMinutes < b.coldMinutes || a.wasteMbMinutes < b.wasteMbMinutes)
  );
}
