import { percentile } from '@tailor/ml';
import { DEFAULT_CPU_MILLIS, DEFAULT_MEMORY_MB } from '@tailor/profiles';

import type { EndpointHistory, WindowObservation } from '../history/endpoint-history';
import { LIBRARY_LOOKBACK_WINDOWS } from '../libraries/library-features';

const MIB = 1024 * 1024;
export const MEMORY_STEP_MB = 64;
export const CPU_STEP_MILLIS = 50;
const MEMORY_LIMITS = { min: 64, max: 32768 };
const CPU_LIMITS = { min: 50, max: 32000 };

/**
 * The memory/CPU rule: the next window's need is the largest need observed over the lookback times a growth factor,
 * the `quantile` of "next window ÷ largest so far" learned across all endpoints (so a 0.99 quantile covers the next
 * window 99% of the time). Never below what was observed; rounded up to the platform's sizes.
 */
export interface ResourceRule {
  quantile: number;
  memoryFactor: number;
  cpuFactor: number;
}

/** The max-observed baseline: the same rule with both factors 1. */
export const MAX_OBSERVED_RULE: ResourceRule = { quantile: 1, memoryFactor: 1, cpuFactor: 1 };

export const roundUp = (value: number, step: number): number => Math.ceil(value / step - 1e-9) * step;
const within = (value: number, { min, max }: { min: number; max: number }) => Math.min(max, Math.max(min, value));

function pastMax(windows: readonly WindowObservation[], end: number, of: (w: WindowObservation) => number): number {
  let max = 0;
  for (let i = Math.max(0, end - LIBRARY_LOOKBACK_WINDOWS); i < end; i++) max = Math.max(max, of(windows[i]));
  return max;
}

const peakMb = (w: WindowObservation) => w.peakRssBytes / MIB;
const cpuMillis = (w: WindowObservation) => w.cpuCores * 1000;

export interface ResourcePrediction {
  memoryMb: number;
  cpuMillis: number;
  /** whether the endpoint had figures to base the size on (else the platform default) */
  observedMemory: boolean;
  observedCpu: boolean;
}

/** Sizes for the endpoint's next window from its windows before `end` (all of them by default). */
export function predictResources(history: EndpointHistory, rule: ResourceRule, end = history.windows.length): ResourcePrediction {
  const memory = pastMax(history.windows, end, peakMb);
  const cpu = pastMax(history.windows, end, cpuMillis);
  return {
    memoryMb: memory > 0 ? within(roundUp(Math.max(memory, memory * rule.memoryFactor), MEMORY_STEP_MB), MEMORY_LIMITS) : DEFAULT_MEMORY_MB,
    cpuMillis: cpu > 0 ? within(roundUp(Math.max(cpu, cpu * rule.cpuFactor), CPU_STEP_MILLIS), CPU_LIMITS) : DEFAULT_CPU_MILLIS,
    observedMemory: memory > 0,
    observedCpu: cpu > 0,
  };
}

/** No ratios observed: no growth. */
const quantileOf = (values: number[], q: number): number => (values.length === 0 ? 1 : percentile(values, q));

/** Learns the growth factors from the target windows in `[fromWindow, toWindow)`, clamped to [1, 4]. */
export function fitResourceRule(histories: Iterable<EndpointHistory>, fromWindow: number, toWindow: number, quantile = 0.99): ResourceRule {
  const memoryRatios: number[] = [];
  const cpuRatios: number[] = [];
  for (const history of histories) {
    for (let k = 1; k < history.windows.length; k++) {
      const target = history.windows[k];
      if (target.window < fromWindow || target.window >= toWindow) continue;
      const memory = pastMax(history.windows, k, peakMb);
      if (memory > 0 && target.peakRssBytes > 0) memoryRatios.push(peakMb(target) / memory);
      const cpu = pastMax(history.windows, k, cpuMillis);
      if (cpu > 0 && target.cpuCores > 0) cpuRatios.push(cpuMillis(target) / cpu);
    }
  }
  const clampFactor = (f: number) => Math.min(4, Math.max(1, f));
  return { quantile, memoryFactor: clampFactor(quantileOf(memoryRatios, quantile)), cpuFactor: clampFactor(quantileOf(cpuRatios, quantile)) };
}

export interface ResourceMetrics {
  windows: number;
  /** share of windows whose peak fitted in the predicted memory */
  memoryCoverage: number;
  /** mean MB predicted above the window's peak */
  memoryOverMb: number;
  cpuCoverage: number;
  cpuOverMillis: number;
}

export function evaluateResources(histories: Iterable<EndpointHistory>, rule: ResourceRule, fromWindow: number, toWindow: number): ResourceMetrics {
  let windows = 0;
  let memoryCovered = 0;
  let memoryOver = 0;
  let cpuWindows = 0;
  let cpuCovered = 0;
  let cpuOver = 0;
  for (const history of histories) {
    for (let k = 1; k < history.windows.length; k++) {
      const target = history.windows[k];
      if (target.window < fromWindow || target.window >= toWindow) continue;
      const prediction = predictResources(history, rule, k);
      if (target.peakRssBytes > 0 && prediction.observedMemory) {
        windows += 1;
        if (peakMb(target) <= prediction.memoryMb) memoryCovered += 1;
        memoryOver += prediction.memoryMb - peakMb(target);
      }
      if (target.cpuCores > 0 && prediction.observedCpu) {
        cpuWindows += 1;
        if (cpuMillis(target) <= prediction.cpuMillis) cpuCovered += 1;
        cpuOver += prediction.cpuMillis - cpuMillis(target);
      }
    }
  }
  return {
    windows,
    memoryCoverage: windows === 0 ? 1 : memoryCovered / windows,
    memoryOverMb: windows === 0 ? 0 : memoryOver / windows,
    cpuCoverage: cpuWindows === 0 ? 1 : cpuCovered / cpuWindows,
    cpuOverMillis: cpuWindows === 0 ? 0 : cpuOver / cpuWindows,
  };
}
