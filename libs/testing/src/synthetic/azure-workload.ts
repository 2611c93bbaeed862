import { readFileSync } from 'node:fs';

import { readAzureTrace, type TraceFunction } from '@tailor/trace-replay';

import { type CatalogueEntry, LATER_ADOPTIONS, NPM_LIBRARY_CATALOGUE } from './npm-library-catalogue';
import { SeededRandom } from './random';
import type { RollupRow } from '@tailor/contracts';

const MIB = 1024 * 1024;
/** resident memory of an idle Node 20 process before any user library */
const NODE_BASE_MB = 40;

export interface SyntheticWorkloadOptions {
  /** folder of an Azure Functions 2019 trace day (invocations, durations, memory) */
  traceDir: string;
  /** the Azure Functions 2021 invocation trace (app,func,end_timestamp,duration): its spread of durations */
  trace2021File?: string;
  /** tenants replaying the trace's functions, each with its own library usage (1 = the trace as is) */
  copies?: number;
  seed?: number;
  /** epoch ms at which the trace's last minute ends (the data lands just before it) */
  endMs: number;
}

export interface SyntheticWorkload {
  minuteRows: RollupRow[];
  hourRows: RollupRow[];
  from: number;
  to: number;
  endpoints: number;
}

interface EndpointPlan {
  applicationId: string;
  endpointId: string;
  fn: TraceFunction;
  libraries: { entry: CatalogueEntry; fromMinute: number; untilMinute: number }[];
  cpuShare: number;
}

/** Relative spread of execution times (duration ÷ its function's median) in the 2021 trace; 1 when absent. */
function durationSpread(file?: string): number[] {
  if (!file) return [1];
  const byFunction = new Map<string, number[]>();
  for (const line of readFileSync(file, 'utf8').split('\n').slice(1)) {
    const [app, func, , duration] = line.split(',');
    const seconds = Number(duration);
    if (!app || !func || !(seconds > 0)) continue;
    const key = `${app}/${func}`;
    byFunction.set(key, [...(byFunction.get(key) ?? []), seconds]);
  }
  const ratios: number[] = [];
  for (const values of byFunction.values()) {
    const sorted = [...values].sort((a, b) => a - b);
    const median = sorted[sorted.length >> 1];
    for (const v of values) ratios.push(v / median);
  }
  return ratios.length > 0 ? ratios : [1];
}

function plan(fn: TraceFunction, copy: number, random: SeededRandom, first: number, minutes: number): EndpointPlan {
  const catalogue = NPM_LIBRARY_CATALOGUE[fn.trigger] ?? NPM_LIBRARY_CATALOGUE['other'];
  const libraries: EndpointPlan['libraries'] = [];
  for (const entry of catalogue) {
    if (random.next() >= entry.use) continue;
    // each endpoint takes its own lazy path share around the catalogue's
    const perInvocation = entry.perInvocation >= 1 ? 1 : Math.min(0.95, entry.perInvocation * Math.exp(random.normal() * 0.7));
    libraries.push({ entry: { ...entry, perInvocation }, fromMinute: first, untilMinute: first + minutes });
  }
  if (libraries.length === 0) libraries.push({ entry: catalogue[0], fromMinute: first, untilMinute: first + minutes });
  // deploys during the day: an adopted library, a dropped one
  if (random.next() < 0.25) {
    const entry = LATER_ADOPTIONS[Math.floor(random.next() * LATER_ADOPTIONS.length)];
    if (!libraries.some((l) => l.entry.name === entry.name)) {
      libraries.push({ entry, fromMinute: first + Math.floor(minutes * (0.2 + 0.6 * random.next())), untilMinute: first + minutes });
    }
  }
  if (random.next() < 0.15 && libraries.length > 1) {
    libraries[Math.floor(random.next() * libraries.length)].untilMinute = first + Math.floor(minutes * (0.2 + 0.6 * random.next()));
  }
  return {
    applicationId: `app-${fn.app.slice(0, 10)}-${copy}`,
    endpointId: `fn-${fn.function.slice(0, 12)}`,
    fn,
    libraries,
    cpuShare: 0.1 + 0.8 * random.next(),
  };
}

/**
 * A synthetic-but-honest profiling history: the invocations per minute, memory and durations are the real Azure
 * trace's (each copy replays the same real arrival pattern); which libraries each invocation loads is drawn from
 * NPM_LIBRARY_CATALOGUE (real packages, estimated usage), with deploys that add or drop a library; memory peaks add
 * the loaded libraries' footprint to Node's base and the function's allocated memory; CPU shares are drawn.
 */
export async function syntheticWorkload(options: SyntheticWorkloadOptions): Promise<SyntheticWorkload> {
  const trace = await readAzureTrace(options.traceDir);
  const spread = durationSpread(options.trace2021File);
  const random = new SeededRandom(options.seed ?? 42);
  const copies = options.copies ?? 1;
  const minuteMs = 60_000;
  const from = Math.floor(options.endMs / minuteMs) * minuteMs - trace.minuteCount * minuteMs;
  const minuteRows: RollupRow[] = [];
  const hours = new Map<string, RollupRow>();
  let endpoints = 0;
  for (let copy = 0; copy < copies; copy++) {
    for (const fn of trace.functions) {
      const endpoint = plan(fn, copy, random, trace.firstMinute, trace.minuteCount);
      endpoints += 1;
      for (let i = 0; i < fn.invokedMinutes.length; i++) {
        const minute = fn.invokedMinutes[i];
        const invocations = fn.invocations[i];
        const libraryCounts: Record<string, number> = {};
        let footprint = 0;
        for (const { entry, fromMinute, untilMinute } of endpoint.libraries) {
          if (minute < fromMinute || minute >= untilMinute) continue;
          const loaded = random.binomial(invocations, entry.perInvocation);
          if (loaded === 0) continue;
          libraryCounts[`${entry.name}@${entry.version}`] = loaded;
          footprint += entry.footprintMb;
        }
        const spike = random.next() < 1 - Math.pow(0.995, invocations) ? 1 + random.next() * 0.5 : 1;
        const peakMb = (NODE_BASE_MB + fn.memoryMb + footprint) * spike * (1 + Math.abs(random.normal()) * 0.03);
        const durationMs = Math.max(0.1, (fn.durationMs ?? 100) * spread[Math.floor(random.next() * spread.length)]);
        const executionTimeSum = durationMs * invocations;
        const row: RollupRow = {
          applicationId: endpoint.applicationId,
          endpointId: endpoint.endpointId,
          bucketStart: from + (minute - trace.firstMinute) * minuteMs,
          invocations,
          executionTimeSum,
          cpuTimeSum: executionTimeSum * endpoint.cpuShare,
          peakRssMax: Math.round(peakMb * MIB),
          libraryCounts,
        };
        minuteRows.push(row);
        const hourStart = Math.floor((row.bucketStart as number) / 3_600_000) * 3_600_000;
        const hourKey = `${row.applicationId}\n${row.endpointId}\n${hourStart}`;
        const hour = hours.get(hourKey);
        if (!hour) {
          hours.set(hourKey, { ...row, bucketStart: hourStart, libraryCounts: { ...libraryCounts } });
          continue;
        }
        hour.invocations += row.invocations;
        hour.executionTimeSum += row.executionTimeSum;
        hour.cpuTimeSum += row.cpuTimeSum;
        hour.peakRssMax = Math.max(Number(hour.peakRssMax), Number(row.peakRssMax));
        for (const [name, count] of Object.entries(libraryCounts)) hour.libraryCounts[name] = (hour.libraryCounts[name] ?? 0) + count;
      }
    }
  }
  return { minuteRows, hourRows: [...hours.values()], from, to: from + trace.minuteCount * minuteMs, endpoints };
}
