import { AppActivity, ARRIVAL_FEATURE_COUNT, ArrivalHistory, concurrencyFor, triggerIndex } from '@tailor/warm-policy';

interface Tracked {
  applicationId: string;
  endpointId: string;
  history: ArrivalHistory;
  invocations: number;
  executionTimeSum: number;
}

export interface ActiveEndpoint {
  key: string;
  applicationId: string;
  endpointId: string;
  /** instances needed when it is invoked (mean invocations per invoked minute × duration) */
  expectedConcurrency: number;
}

/**
 * The arrival features' state for every endpoint seen, kept in memory and fed minute by minute from the minute
 * rollups (each complete minute once), so that a forecast for all active endpoints costs no history read.
 */
export class ArrivalTracker {
  private readonly tracked = new Map<string, Tracked>();
  private readonly apps = new Map<string, AppActivity>();
  /** every minute before this one has been recorded */
  watermark = Number.NEGATIVE_INFINITY;

  record(applicationId: string, endpointId: string, minute: number, invocations: number, executionTimeSum: number): void {
    if (invocations <= 0) return;
    const key = `${applicationId}\n${endpointId}`;
    let entry = this.tracked.get(key);
    if (!entry) {
      let app = this.apps.get(applicationId);
      if (!app) {
        app = new AppActivity();
        this.apps.set(applicationId, app);
      }
      app.functionCount += 1;
      entry = { applicationId, endpointId, history: new ArrivalHistory(triggerIndex('http'), app), invocations: 0, executionTimeSum: 0 };
      this.tracked.set(key, entry);
    }
    if (minute <= entry.history.lastInvoked) return;
    entry.history.record(minute, invocations);
    entry.invocations += invocations;
    entry.executionTimeSum += executionTimeSum;
  }

  /** Endpoints invoked at or after `sinceMinute`. */
  active(sinceMinute: number): ActiveEndpoint[] {
    const out: ActiveEndpoint[] = [];
    for (const [key, entry] of this.tracked) {
      if (entry.history.lastInvoked < sinceMinute) continue;
      const durationMs = entry.invocations > 0 ? entry.executionTimeSum / entry.invocations : undefined;
      out.push({
        key,
        applicationId: entry.applicationId,
        endpointId: entry.endpointId,
        expectedConcurrency: concurrencyFor(entry.history.meanInvocations, durationMs),
      });
    }
    return out;
  }

  /** Writes the features of minutes `from … from+horizon−1` (assuming no invocation meanwhile) for each endpoint, row-major. */
  features(keys: readonly string[], from: number, horizon: number): Float32Array {
    const rows = new Float32Array(keys.length * horizon * ARRIVAL_FEATURE_COUNT);
    let offset = 0;
    for (const key of keys) {
      const history = this.history(key);
      for (let m = 0; m < horizon; m++) {
        history.features(Math.max(from + m, history.lastInvoked + 1), rows.subarray(offset, offset + ARRIVAL_FEATURE_COUNT));
        offset += ARRIVAL_FEATURE_COUNT;
      }
    }
    return rows;
  }

  /** The model-free forecast (smoothed empirical hazard), served while no arrival head is trained. */
  empirical(keys: readonly string[], from: number, horizon: number): Float32Array {
    const out = new Float32Array(keys.length * horizon);
    keys.forEach((key, i) => {
      const history = this.history(key);
      for (let m = 0; m < horizon; m++) out[i * horizon + m] = history.empiricalHazard(Math.max(from + m, history.lastInvoked + 1));
    });
    return out;
  }

  get size(): number {
    return this.tracked.size;
  }

  private history(key: string): ArrivalHistory {
    const entry = this.tracked.get(key);
    if (!entry) throw new Error(`untracked endpoint ${key}`);
    return entry.history;
  }
}
