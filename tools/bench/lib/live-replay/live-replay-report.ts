import type { LiveOutcome } from './live-run';
import type { OfflineOutcome } from './offline-replay';

export interface PolicyRow {
  policy: string;
  live: LiveOutcome;
  /** the offline replay of the same functions and minutes as the provisioner sees them (trigger http, its memory) */
  offline: OfflineOutcome;
  /** the same with the trace's triggers and memory, as the predictor issue's replay */
  offlineTrace: OfflineOutcome;
}

type Sign = -1 | 0 | 1;

export interface DirectionCheck {
  policy: string;
  baseline: string;
  /** sign of (policy − baseline) for cold invoked-minutes and for idle memory, live and offline */
  live: { cold: Sign; idle: Sign };
  offline: { cold: Sign; idle: Sign };
  offlineTrace: { cold: Sign; idle: Sign };
  agrees: boolean;
  agreesWithTraceReplay: boolean;
}

const sign = (value: number): Sign => (value > 0 ? 1 : value < 0 ? -1 : 0);
const same = (a: { cold: Sign; idle: Sign }, b: { cold: Sign; idle: Sign }) => a.cold === b.cold && a.idle === b.idle;

/** Each policy against the baseline (fixed keep-alive): does the live run move cold starts and idle memory the same way as the offline replay? */
export function directionChecks(rows: PolicyRow[], baseline: string): DirectionCheck[] {
  const base = rows.find((row) => row.policy === baseline);
  if (!base) return [];
  return rows
    .filter((row) => row !== base)
    .map((row) => {
      const live = {
        cold: sign(row.live.coldMinutes - base.live.coldMinutes),
        idle: sign(row.live.idleMbMinutes - base.live.idleMbMinutes),
      };
      const offline = {
        cold: sign(row.offline.coldMinutes - base.offline.coldMinutes),
        idle: sign(row.offline.wasteMbMinutes - base.offline.wasteMbMinutes),
      };
      const offlineTrace = {
        cold: sign(row.offlineTrace.coldMinutes - base.offlineTrace.coldMinutes),
        idle: sign(row.offlineTrace.wasteMbMinutes - base.offlineTrace.wasteMbMinutes),
      };
      return {
        policy: row.policy,
        baseline,
        live,
        offline,
        offlineTrace,
        agrees: same(live, offline),
        agreesWithTraceReplay: same(live, offlineTrace),
      };
    });
}

const pct = (part: number, whole: number) => (whole === 0 ? '–' : ((100 * part) / whole).toFixed(1));
const gb = (mbMinutes: number) => (mbMinutes / 1024).toFixed(1);
const word = (s: Sign) => (s < 0 ? 'less' : s > 0 ? 'more' : 'same');

export function formatRows(rows: PolicyRow[]): string {
  const lines = [
    '| policy | invoked min | live cold | live cold % | live idle container·min | live idle GB·min | offline cold | offline idle container·min | offline idle GB·min | offline (trace memory) cold / waste GB·min |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const { policy, live, offline, offlineTrace } of rows) {
    lines.push(
      `| ${policy} | ${live.invokedMinutes} | ${live.coldMinutes} | ${pct(live.coldMinutes, live.invokedMinutes)} | ` +
        `${live.idleContainerMinutes.toFixed(1)} | ${gb(live.idleMbMinutes)} | ${offline.coldMinutes} | ` +
        `${offline.idleLoadedMinutes} | ${gb(offline.wasteMbMinutes)} | ${offlineTrace.coldMinutes} / ${gb(offlineTrace.wasteMbMinutes)} |`,
    );
  }
  return lines.join('\n');
}

export function formatChecks(checks: DirectionCheck[]): string {
  return checks
    .map(
      (c) =>
        `${c.policy} vs ${c.baseline}: live ${word(c.live.cold)} cold, ${word(c.live.idle)} idle memory; offline ` +
        `${word(c.offline.cold)} cold, ${word(c.offline.idle)} idle (${c.agrees ? 'agrees' : 'DISAGREES'}); offline with ` +
        `the trace's memory ${word(c.offlineTrace.cold)} cold, ${word(c.offlineTrace.idle)} waste ` +
        `(${c.agreesWithTraceReplay ? 'agrees' : 'DISAGREES'})`,
    )
    .join('\n');
}

export function formatTiming(rows: PolicyRow[]): string {
  return rows
    .map(
      ({ policy, live }) =>
        `${policy}: paths ${JSON.stringify(live.paths)}, ${live.failures} failed, minutes sent before the reconcile ` +
        `${live.sentBeforeReconcile} (${live.coldBeforeReconcile} cold answers in them), minutes overrun ${live.overran}, starting containers ${gb(live.startingMbMinutes)} GB·min, ` +
        `${live.wallSeconds.toFixed(0)} s wall, load ${live.load.start.join('/')} → ${live.load.end.join('/')}`,
    )
    .join('\n');
}
