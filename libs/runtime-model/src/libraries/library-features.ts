import type { EndpointHistory, WindowObservation } from '../history/endpoint-history';

/**
 * Features of "library L is loaded in the endpoint's next active window", known before that window. The endpoint's
 * own history (how often and how recently L was loaded, per window and per invocation, and how many invocations a
 * window usually has: a library loaded by 5% of invocations is almost surely loaded in a busy window) and the
 * application's other endpoints (a library they just started to load is a candidate for this one).
 */
export const LIBRARY_FEATURE_NAMES = [
  'everLoadedShare',
  'recentLoadedShare',
  'loadedLastWindow',
  'logWindowsSinceLoaded',
  'neverLoaded',
  'invocationShareLast',
  'invocationShareAll',
  'expectedLoadedNext',
  'expectedLoadedNextLogit',
  'logMeanInvocations',
  'logHistoryWindows',
  'appPeersLoadedShare',
] as const;

export const LIBRARY_FEATURE_COUNT = LIBRARY_FEATURE_NAMES.length;
/** windows of history a decision reads */
export const LIBRARY_LOOKBACK_WINDOWS = 48;
const RECENT_WINDOWS = 3;

export interface LibraryCandidate {
  name: string;
  version: string;
  features: Float64Array;
}

/** The latest window of each peer endpoint strictly before `beforeWindow`. */
export function peerLatestWindows(peers: readonly EndpointHistory[], self: EndpointHistory, beforeWindow: number): WindowObservation[] {
  const latest: WindowObservation[] = [];
  for (const peer of peers) {
    if (peer === self) continue;
    let found: WindowObservation | undefined;
    for (let i = peer.windows.length - 1; i >= 0; i--) {
      if (peer.windows[i].window < beforeWindow) {
        found = peer.windows[i];
        break;
      }
    }
    if (found) latest.push(found);
  }
  return latest;
}

const clamp = (p: number) => Math.min(1 - 1e-3, Math.max(1e-3, p));

/**
 * Candidates and their features for the endpoint's active window after `past` (its windows so far, ascending;
 * at least one). `peers` are the latest windows of the application's other endpoints before that window.
 */
export function libraryCandidates(
  history: EndpointHistory,
  pastEnd: number,
  peers: readonly WindowObservation[],
  peerVersions: ReadonlyMap<string, string> = new Map(),
): LibraryCandidate[] {
  const start = Math.max(0, pastEnd - LIBRARY_LOOKBACK_WINDOWS);
  const past = history.windows.slice(start, pastEnd);
  const n = past.length;
  if (n === 0) return [];
  const last = past[n - 1];
  const recent = past.slice(-RECENT_WINDOWS);
  const meanInvocations = recent.reduce((sum, w) => sum + w.invocations, 0) / recent.length;
  const totalInvocations = past.reduce((sum, w) => sum + w.invocations, 0);

  const names = new Set<string>();
  for (const w of past) for (const name of w.libraryCounts.keys()) names.add(name);
  const peerShare = new Map<string, number>();
  for (const peer of peers) {
    for (const name of peer.libraryCounts.keys()) {
      names.add(name);
      peerShare.set(name, (peerShare.get(name) ?? 0) + 1 / peers.length);
    }
  }

  const candidates: LibraryCandidate[] = [];
  for (const name of names) {
    let loadedWindows = 0;
    let recentLoaded = 0;
    let loadings = 0;
    let lastLoadedAt = -1;
    for (let i = 0; i < n; i++) {
      const count = past[i].libraryCounts.get(name) ?? 0;
      if (count > 0) {
        loadedWindows += 1;
        lastLoadedAt = i;
        if (i >= n - RECENT_WINDOWS) recentLoaded += 1;
      }
      loadings += count;
    }
    const perInvocation = totalInvocations > 0 ? Math.min(1, loadings / totalInvocations) : 0;
    const expected = 1 - Math.pow(1 - perInvocation, Math.max(1, meanInvocations));
    const features = new Float64Array(LIBRARY_FEATURE_COUNT);
    features[0] = loadedWindows / n;
    features[1] = recentLoaded / recent.length;
    features[2] = (last.libraryCounts.get(name) ?? 0) > 0 ? 1 : 0;
    features[3] = lastLoadedAt === -1 ? Math.log1p(n) : Math.log1p(n - 1 - lastLoadedAt);
    features[4] = lastLoadedAt === -1 ? 1 : 0;
    features[5] = last.invocations > 0 ? Math.min(1, (last.libraryCounts.get(name) ?? 0) / last.invocations) : 0;
    features[6] = perInvocation;
    features[7] = expected;
    features[8] = Math.log(clamp(expected) / (1 - clamp(expected)));
    features[9] = Math.log1p(meanInvocations);
    features[10] = Math.log1p(n);
    features[11] = peerShare.get(name) ?? 0;
    const version = history.libraryVersions.get(name) ?? peerVersions.get(name) ?? '*';
    candidates.push({ name, version, features });
  }
  return candidates;
}

/** One labelled example per (endpoint active window, candidate library), for training and evaluation. */
export interface LibraryExampleSet {
  rows: Float32Array;
  features: Float64Array[];
  labels: Uint8Array;
  /** index of the decision (endpoint window) each example belongs to */
  decision: Int32Array;
  decisions: LibraryDecision[];
}

export interface LibraryDecision {
  key: string;
  window: number;
  /** libraries actually loaded in the window */
  loaded: Set<string>;
  candidates: string[];
}

/**
 * Examples for the target windows in `[fromWindow, toWindow)` (window indices): for each endpoint window there, the
 * candidates from the windows before it, labelled with what that window loaded.
 */
export function libraryExamples(
  histories: Iterable<EndpointHistory>,
  apps: ReadonlyMap<string, readonly EndpointHistory[]>,
  fromWindow: number,
  toWindow: number,
): LibraryExampleSet {
  const features: Float64Array[] = [];
  const labels: number[] = [];
  const decisionOf: number[] = [];
  const decisions: LibraryDecision[] = [];
  for (const history of histories) {
    const peers = apps.get(history.applicationId) ?? [];
    for (let k = 1; k < history.windows.length; k++) {
      const target = history.windows[k];
      if (target.window < fromWindow || target.window >= toWindow) continue;
      const candidates = libraryCandidates(history, k, peerLatestWindows(peers, history, target.window));
      const loaded = new Set([...target.libraryCounts.entries()].filter(([, c]) => c > 0).map(([name]) => name));
      const index = decisions.length;
      decisions.push({ key: history.key, window: target.window, loaded, candidates: candidates.map((c) => c.name) });
      for (const candidate of candidates) {
        features.push(candidate.features);
        labels.push(loaded.has(candidate.name) ? 1 : 0);
        decisionOf.push(index);
      }
    }
  }
  const rows = new Float32Array(features.length * LIBRARY_FEATURE_COUNT);
  features.forEach((f, i) => rows.set(f, i * LIBRARY_FEATURE_COUNT));
  return { rows, features, labels: Uint8Array.from(labels), decision: Int32Array.from(decisionOf), decisions };
}
