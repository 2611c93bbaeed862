import type { RollupRow } from '@tailor/contracts';

import { endpointKey } from '../history/endpoint-history';

/** One endpoint's invoked minutes (epoch minutes, ascending) from minute rollups: the arrival model's input. */
export interface ArrivalSeries {
  key: string;
  applicationId: string;
  endpointId: string;
  /** rollups do not say how an endpoint is triggered; profiled endpoints are HTTP routes */
  trigger: string;
  /** mean execution time, for the expected concurrency */
  durationMs?: number;
  minutes: number[];
  counts: number[];
}

export const epochMinute = (at: Date | number): number => Math.floor((typeof at === 'number' ? at : at.getTime()) / 60_000);

export function arrivalSeriesFromRollups(rows: Iterable<RollupRow>, trigger = 'http'): ArrivalSeries[] {
  const byKey = new Map<string, { series: ArrivalSeries; perMinute: Map<number, number>; time: number; invocations: number }>();
  for (const row of rows) {
    if (row.invocations <= 0) continue;
    const key = endpointKey(row.applicationId, row.endpointId);
    let entry = byKey.get(key);
    if (!entry) {
      entry = {
        series: { key, applicationId: row.applicationId, endpointId: row.endpointId, trigger, minutes: [], counts: [] },
        perMinute: new Map(),
        time: 0,
        invocations: 0,
      };
      byKey.set(key, entry);
    }
    const minute = epochMinute(row.bucketStart);
    entry.perMinute.set(minute, (entry.perMinute.get(minute) ?? 0) + row.invocations);
    entry.time += row.executionTimeSum;
    entry.invocations += row.invocations;
  }
  return [...byKey.values()].map(({ series, perMinute, time, invocations }) => {
    const minutes = [...perMinute.keys()].sort((a, b) => a - b);
    return {
      ...series,
      durationMs: invocations > 0 ? time / invocations : undefined,
      minutes,
      counts: minutes.map((m) => perMinute.get(m) ?? 0),
    };
  });
}
