import { createHash } from 'node:crypto';

import type { AzureTrace, TraceFunction } from '@tailor/trace-replay';

export type ArrivalClass = 'dense' | 'regular' | 'sparse';

/** How many functions of each arrival class the live replay takes. */
export type ClassMix = Record<ArrivalClass, number>;

export interface ReplayedFunction {
  /** the trace function, its invocations cut to the window */
  trace: TraceFunction;
  arrivalClass: ArrivalClass;
  /** the ids it is provisioned under: one application per trace application, one endpoint per function */
  applicationId: string;
  endpointId: string;
}

export interface TraceSubset {
  /** the trace cut to the window and the chosen functions: what the offline replay runs on */
  trace: AzureTrace;
  functions: ReplayedFunction[];
  rule: string;
}

const DENSE_SHARE = 0.5;
const SPARSE_SHARE = 0.05;

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

function classOf(invokedMinutes: number, windowMinutes: number): ArrivalClass {
  const share = invokedMinutes / windowMinutes;
  if (share >= DENSE_SHARE) return 'dense';
  return share >= SPARSE_SHARE ? 'regular' : 'sparse';
}

function cutToWindow(f: TraceFunction, from: number, to: number): TraceFunction {
  const keep: number[] = [];
  for (let i = 0; i < f.invokedMinutes.length; i++)
    if (f.invokedMinutes[i] >= from && f.invokedMinutes[i] < to) keep.push(i);
  return {
    ...f,
    invokedMinutes: Int32Array.from(keep, (i) => f.invokedMinutes[i]),
    invocations: Float64Array.from(keep, (i) => f.invocations[i]),
  };
}

/**
 * The functions of the live replay, chosen by a fixed rule rather than by hand: the trace is cut to `minutes` minutes
 * from its first; functions invoked in fewer than 2 of them are left out (no policy changes anything for them); the
 * others fall into classes by the share of minutes they are invoked in (dense ≥ 50 %, regular ≥ 5 %, sparse below),
 * and each class gives its first `mix[class]` functions in the order of sha256(key) (independent of the file's order).
 */
export function pickSubset(trace: AzureTrace, minutes: number, mix: ClassMix): TraceSubset {
  const from = trace.firstMinute;
  const to = from + Math.min(minutes, trace.minuteCount);
  const candidates = trace.functions
    .map((f) => cutToWindow(f, from, to))
    .filter((f) => f.invokedMinutes.length >= 2)
    .map((f) => ({ f, arrivalClass: classOf(f.invokedMinutes.length, to - from), order: sha256(f.key) }))
    .sort((a, b) => a.order.localeCompare(b.order));
  const chosen = (['dense', 'regular', 'sparse'] as const).flatMap((arrivalClass) =>
    candidates.filter((c) => c.arrivalClass === arrivalClass).slice(0, mix[arrivalClass]),
  );
  const functions = chosen.map(({ f, arrivalClass }) => ({
    trace: f,
    arrivalClass,
    applicationId: `app-${sha256(f.appKey).slice(0, 12)}`,
    endpointId: `fn-${sha256(f.key).slice(0, 12)}`,
  }));
  return {
    trace: { ...trace, firstMinute: from, minuteCount: to - from, functions: functions.map((f) => f.trace) },
    functions,
    rule:
      `trace minutes [${from}, ${to}); functions invoked in ≥ 2 of them, classed by share of invoked minutes ` +
      `(dense ≥ ${DENSE_SHARE * 100} %, regular ≥ ${SPARSE_SHARE * 100} %, sparse below), the first ` +
      `${mix.dense} dense, ${mix.regular} regular and ${mix.sparse} sparse in sha256(key) order`,
  };
}
