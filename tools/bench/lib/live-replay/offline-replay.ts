import { type AzureTrace, replayTrace, summariseWindow } from '@tailor/trace-replay';

import { type LivePolicy, offlinePolicy } from './live-policy';

export interface OfflineOutcome {
  policy: string;
  invokedMinutes: number;
  coldMinutes: number;
  idleLoadedMinutes: number;
  wasteMbMinutes: number;
}

/**
 * The offline replay (libs/trace-replay) of the live replay's functions and minutes, each policy with its own online
 * model. `provisionedMemoryMb` (function key → MB) replays them as the provisioner registers its pools (trigger `http`,
 * the memory of the function's profile) rather than with the trace's trigger and memory.
 */
export function replayOffline(
  trace: AzureTrace,
  policies: LivePolicy[],
  provisionedMemoryMb?: Map<string, number>,
): OfflineOutcome[] {
  const seen = provisionedMemoryMb
    ? {
        ...trace,
        functions: trace.functions.map((f) => ({
          ...f,
          trigger: 'http',
          memoryMb: provisionedMemoryMb.get(f.key) ?? f.memoryMb,
        })),
      }
    : trace;
  const summaries = summariseWindow(replayTrace(seen, policies.map(offlinePolicy)).outcomes, 'all');
  return summaries.map((summary, i) => ({
    policy: policies[i].label,
    invokedMinutes: summary.invokedMinutes,
    coldMinutes: summary.coldMinutes,
    idleLoadedMinutes: summary.idleLoadedMinutes,
    wasteMbMinutes: summary.wasteMbMinutes,
  }));
}
