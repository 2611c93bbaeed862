import { createHash } from 'node:crypto';

import type { LogisticModelWeights } from '@tailor/ml';
import {
  ArrivalForecaster,
  FixedKeepAlivePolicy,
  HybridHistogramPolicy,
  TailorKeepWarmPolicy,
} from '@tailor/warm-policy';

import type { AzureTrace, TraceFunction } from '../trace/azure-trace.types';
import { dominates, type PolicySummary, summariseWindow } from './replay-summary';
import { type ReplayedPolicy, replayTrace } from './trace-replay';

export const FIXED_KEEP_ALIVE_MINUTES = [10, 20, 60] as const;
/** Cost ratios (cold starts per idle MB·minute) swept for Tailor's policy: three per decade. */
export const DEFAULT_COST_RATIOS = [
  1e-7, 2e-7, 5e-7, 1e-6, 2e-6, 5e-6, 1e-5, 2e-5, 5e-5, 1e-4, 2e-4, 5e-4, 1e-3, 2e-3, 5e-3, 1e-2,
];

/** The baselines and Tailor's policy at each ratio, all Tailor settings sharing one online forecaster. */
export function standardPolicies(ratios: readonly number[] = DEFAULT_COST_RATIOS): {
  policies: ReplayedPolicy[];
  forecaster: ArrivalForecaster;
} {
  const forecaster = new ArrivalForecaster();
  const policies: ReplayedPolicy[] = [
    ...FIXED_KEEP_ALIVE_MINUTES.map((k) => ({
      policy: new FixedKeepAlivePolicy(k),
      family: 'fixed' as const,
      parameter: k,
    })),
    { policy: new HybridHistogramPolicy(), family: 'hybrid' },
    ...ratios.map((ratio) => ({
      policy: new TailorKeepWarmPolicy({ costRatio: ratio, forecaster }),
      family: 'tailor' as const,
      parameter: ratio,
    })),
  ];
  return { policies, forecaster };
}

export interface BaselineComparison {
  baseline: string;
  /** Tailor settings that Pareto-dominate the baseline. */
  dominatedBy: string[];
}

export function compareWithBaselines(summaries: PolicySummary[]): BaselineComparison[] {
  const tailor = summaries.filter((s) => s.family === 'tailor');
  return summaries
    .filter((s) => s.family !== 'tailor')
    .map((baseline) => ({
      baseline: baseline.policy,
      dominatedBy: tailor.filter((t) => dominates(t, baseline)).map((t) => t.policy),
    }));
}

/** The stretch goal: a Tailor setting with less waste than the hybrid policy and at most half its avoidable cold starts. */
export interface HybridAim {
  hybridAvoidableCold: number;
  hybridWasteMbMinutes: number;
  best?: { policy: string; avoidableCold: number; wasteMbMinutes: number };
  met: boolean;
}

export function hybridAim(summaries: PolicySummary[]): HybridAim | undefined {
  const hybrid = summaries.find((s) => s.family === 'hybrid');
  if (!hybrid) return undefined;
  const candidates = summaries
    .filter((s) => s.family === 'tailor' && s.wasteMbMinutes < hybrid.wasteMbMinutes)
    .sort((a, b) => a.avoidableColdMinutes - b.avoidableColdMinutes || a.wasteMbMinutes - b.wasteMbMinutes);
  const best = candidates[0];
  return {
    hybridAvoidableCold: hybrid.avoidableColdMinutes,
    hybridWasteMbMinutes: hybrid.wasteMbMinutes,
    best: best && {
      policy: best.policy,
      avoidableCold: best.avoidableColdMinutes,
      wasteMbMinutes: best.wasteMbMinutes,
    },
    met: best !== undefined && best.avoidableColdMinutes <= hybrid.avoidableColdMinutes / 2,
  };
}

/** Relative margin by which `t` beats `b` on its weaker axis (positive on both axes when it dominates strictly). */
function balancedMargin(t: PolicySummary, b: PolicySummary): number {
  const cold = (b.coldMinutes - t.coldMinutes) / Math.max(b.coldMinutes, 1);
  const waste = (b.wasteMbMinutes - t.wasteMbMinutes) / Math.max(b.wasteMbMinutes, 1e-9);
  return Math.min(cold, waste);
}

/** The cost ratio to run against a baseline, fitted on one part of the data: the best balanced margin. */
export function fitRatio(summaries: PolicySummary[], baseline: string): number | undefined {
  const b = summaries.find((s) => s.policy === baseline);
  const tailor = summaries.filter((s) => s.family === 'tailor');
  if (!b || tailor.length === 0) return undefined;
  return tailor.reduce((best, t) => (balancedMargin(t, b) > balancedMargin(best, b) ? t : best)).parameter;
}

export interface HeldOutCheck {
  baseline: string;
  fittedRatio?: number;
  fit: { cold: number; waste: number; baselineCold: number; baselineWaste: number };
  heldOut: { cold: number; waste: number; baselineCold: number; baselineWaste: number; dominates: boolean };
}

function heldOutChecks(fit: PolicySummary[], heldOut: PolicySummary[]): HeldOutCheck[] {
  return fit
    .filter((s) => s.family !== 'tailor')
    .map((baseline) => {
      const ratio = fitRatio(fit, baseline.policy);
      const fitTailor = fit.find((s) => s.family === 'tailor' && s.parameter === ratio) as PolicySummary;
      const heldBaseline = heldOut.find((s) => s.policy === baseline.policy) as PolicySummary;
      const heldTailor = heldOut.find((s) => s.family === 'tailor' && s.parameter === ratio) as PolicySummary;
      return {
        baseline: baseline.policy,
        fittedRatio: ratio,
        fit: {
          cold: fitTailor.coldMinutes,
          waste: fitTailor.wasteMbMinutes,
          baselineCold: baseline.coldMinutes,
          baselineWaste: baseline.wasteMbMinutes,
        },
        heldOut: {
          cold: heldTailor.coldMinutes,
          waste: heldTailor.wasteMbMinutes,
          baselineCold: heldBaseline.coldMinutes,
          baselineWaste: heldBaseline.wasteMbMinutes,
          dominates: dominates(heldTailor, heldBaseline),
        },
      };
    });
}

export interface SplitReport {
  description: string;
  parts: Record<string, PolicySummary[]>;
  comparisons: Record<string, BaselineComparison[]>;
  /** Ratio fitted on one part per baseline, judged on the other. */
  heldOut: Record<string, HeldOutCheck[]>;
}

export interface KeepWarmEvaluation {
  trace: { firstMinute: number; minuteCount: number; functions: number; missing: AzureTrace['missing'] };
  ratios: number[];
  summaries: PolicySummary[];
  comparisons: BaselineComparison[];
  hybridAim?: HybridAim;
  functionSplit: SplitReport;
  timeSplit: SplitReport;
  model?: LogisticModelWeights;
  retrainings: number;
}

/** Which half a function falls in: a hash of its key, so the split is fixed and independent of the file's order. */
export function functionHalf(key: string): 'A' | 'B' {
  return (createHash('sha256').update(key).digest()[0] & 1) === 0 ? 'A' : 'B';
}

function replaySummaries(trace: AzureTrace, functions: TraceFunction[], ratios: readonly number[]): PolicySummary[] {
  const { policies } = standardPolicies(ratios);
  return summariseWindow(replayTrace(trace, policies, { functions }).outcomes, 'all');
}

/**
 * The full evaluation: every policy on the whole trace; then generalisation checks that fit the one hyper-parameter
 * (the cost ratio chosen against each baseline) on part of the data and judge it on data it never saw:
 * by functions (two halves by key hash, each replayed alone with its own online model) and by time (the ratio fitted
 * on the first half of the minutes, judged on the second half of the same online replay).
 */
export function evaluateKeepWarm(
  trace: AzureTrace,
  ratios: readonly number[] = DEFAULT_COST_RATIOS,
): KeepWarmEvaluation {
  const start = trace.firstMinute;
  const middle = start + Math.floor(trace.minuteCount / 2);
  const end = start + trace.minuteCount;
  const { policies, forecaster } = standardPolicies(ratios);
  const windows = [
    { name: 'all', from: start, to: end },
    { name: 'first-half', from: start, to: middle },
    { name: 'second-half', from: middle, to: end },
  ];
  const result = replayTrace(trace, policies, { windows });
  const summaries = summariseWindow(result.outcomes, 'all');
  const first = summariseWindow(result.outcomes, 'first-half');
  const second = summariseWindow(result.outcomes, 'second-half');

  const halfA = trace.functions.filter((f) => functionHalf(f.key) === 'A');
  const halfB = trace.functions.filter((f) => functionHalf(f.key) === 'B');
  const a = replaySummaries(trace, halfA, ratios);
  const b = replaySummaries(trace, halfB, ratios);

  return {
    trace: {
      firstMinute: trace.firstMinute,
      minuteCount: trace.minuteCount,
      functions: trace.functions.length,
      missing: trace.missing,
    },
    ratios: [...ratios],
    summaries,
    comparisons: compareWithBaselines(summaries),
    hybridAim: hybridAim(summaries),
    functionSplit: {
      description: `functions split by sha256(key) parity: A = ${halfA.length}, B = ${halfB.length}; each half replayed alone`,
      parts: { A: a, B: b },
      comparisons: { A: compareWithBaselines(a), B: compareWithBaselines(b) },
      heldOut: { 'fit A → judge B': heldOutChecks(a, b), 'fit B → judge A': heldOutChecks(b, a) },
    },
    timeSplit: {
      description: `minutes [${start}, ${middle}) and [${middle}, ${end}) of one online replay`,
      parts: { 'first-half': first, 'second-half': second },
      comparisons: { 'first-half': compareWithBaselines(first), 'second-half': compareWithBaselines(second) },
      heldOut: { 'fit first half → judge second half': heldOutChecks(first, second) },
    },
    model: forecaster.weights,
    retrainings: forecaster.trainingCount,
  };
}
