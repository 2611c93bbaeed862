import type { RollupRow } from '@tailor/contracts';

/** What a provision taught us afterwards (a `feedback` row), folded into the window it happened in. */
export interface FeedbackRow {
  applicationId: string;
  endpointId: string;
  createdAt: Date | number;
  /** libraries the runtime had to load although they were not preloaded: they were used */
  librariesMissed: string[];
  memoryPeakBytes: bigint | number | null;
}

/** An endpoint's activity in one window of `windowMinutes` (only windows with invocations exist). */
export interface WindowObservation {
  /** floor(epochMinute / windowMinutes) */
  window: number;
  invocations: number;
  /** library name → invocations that loaded it */
  libraryCounts: Map<string, number>;
  peakRssBytes: number;
  /** CPU time over execution time: the cores the endpoint kept busy while it ran */
  cpuCores: number;
  executionTimeSum: number;
}

export interface EndpointHistory {
  key: string;
  applicationId: string;
  endpointId: string;
  /** ascending by window */
  windows: WindowObservation[];
  /** latest version seen of each library */
  libraryVersions: Map<string, string>;
}

export const endpointKey = (applicationId: string, endpointId: string): string => `${applicationId}\n${endpointId}`;

/** Splits "<name>@<version>" (names may be scoped: "@scope/name@1.2.3"). */
export function splitLibrary(entry: string): { name: string; version: string } {
  const at = entry.lastIndexOf('@');
  if (at <= 0) return { name: entry, version: '*' };
  return { name: entry.slice(0, at), version: entry.slice(at + 1) };
}

const toMs = (value: Date | number): number => (typeof value === 'number' ? value : value.getTime());

export const windowOf = (at: Date | number, windowMinutes: number): number => Math.floor(toMs(at) / 60_000 / windowMinutes);

/**
 * Folds rollup rows (any granularity that divides `windowMinutes`) and feedback rows into per-endpoint window series.
 * Feedback adds what the rollups may lack: a library a provision missed was used, and a measured memory peak.
 */
export function buildHistories(rows: Iterable<RollupRow>, windowMinutes: number, feedback: Iterable<FeedbackRow> = []): Map<string, EndpointHistory> {
  const histories = new Map<string, EndpointHistory>();
  const windowsByEndpoint = new Map<string, Map<number, WindowObservation>>();
  const observation = (applicationId: string, endpointId: string, window: number): { history: EndpointHistory; obs: WindowObservation } => {
    const key = endpointKey(applicationId, endpointId);
    let history = histories.get(key);
    let windows = windowsByEndpoint.get(key);
    if (!history || !windows) {
      history = { key, applicationId, endpointId, windows: [], libraryVersions: new Map() };
      windows = new Map();
      histories.set(key, history);
      windowsByEndpoint.set(key, windows);
    }
    let obs = windows.get(window);
    if (!obs) {
      obs = { window, invocations: 0, libraryCounts: new Map(), peakRssBytes: 0, cpuCores: 0, executionTimeSum: 0 };
      windows.set(window, obs);
    }
    return { history, obs };
  };
  const cpuSums = new Map<WindowObservation, number>();
  const ordered = [...rows].sort((a, b) => toMs(a.bucketStart) - toMs(b.bucketStart));
  for (const row of ordered) {
    if (row.invocations <= 0) continue;
    const { history, obs } = observation(row.applicationId, row.endpointId, windowOf(row.bucketStart, windowMinutes));
    obs.invocations += row.invocations;
    obs.executionTimeSum += row.executionTimeSum;
    cpuSums.set(obs, (cpuSums.get(obs) ?? 0) + row.cpuTimeSum);
    obs.peakRssBytes = Math.max(obs.peakRssBytes, Number(row.peakRssMax));
    for (const [entry, count] of Object.entries(row.libraryCounts)) {
      const { name, version } = splitLibrary(entry);
      obs.libraryCounts.set(name, (obs.libraryCounts.get(name) ?? 0) + count);
      history.libraryVersions.set(name, version);
    }
  }
  for (const [obs, cpu] of cpuSums) obs.cpuCores = obs.executionTimeSum > 0 ? cpu / obs.executionTimeSum : 0;
  for (const row of feedback) {
    const key = endpointKey(row.applicationId, row.endpointId);
    const obs = windowsByEndpoint.get(key)?.get(windowOf(row.createdAt, windowMinutes));
    if (!obs) continue; // feedback of a window without profiling data says nothing about its invocations
    for (const name of row.librariesMissed) obs.libraryCounts.set(name, Math.max(1, obs.libraryCounts.get(name) ?? 0));
    if (row.memoryPeakBytes !== null) obs.peakRssBytes = Math.max(obs.peakRssBytes, Number(row.memoryPeakBytes));
  }
  for (const [key, history] of histories) {
    history.windows = [...(windowsByEndpoint.get(key)?.values() ?? [])].sort((a, b) => a.window - b.window);
  }
  return histories;
}

/** Histories grouped by application (for the "similar endpoints" signals). */
export function byApplication(histories: Iterable<EndpointHistory>): Map<string, EndpointHistory[]> {
  const apps = new Map<string, EndpointHistory[]>();
  for (const history of histories) {
    const list = apps.get(history.applicationId) ?? [];
    list.push(history);
    apps.set(history.applicationId, list);
  }
  return apps;
}
