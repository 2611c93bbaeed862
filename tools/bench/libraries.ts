/**
 * Library preload precision/recall on held-out later windows: the learned model against the frequency, recency and
 * preload-all baselines, at the cost cut, and which of them the promotion gate lets the version serve; plus the memory
 * rule against max-observed and the arrival head against the empirical hazard. `npm run bench:libraries`
 */
import {
  arrivalSeriesFromRollups,
  buildHistories,
  DEFAULT_LIBRARY_COSTS,
  DEFAULT_TRAINING_OPTIONS,
  type LibraryMetrics,
  trainRuntimeModel,
} from '@tailor/runtime-model';

import { benchWorkload } from './bench-data';

const row = (name: string, m: LibraryMetrics, baseline: LibraryMetrics) =>
  `  ${name.padEnd(12)} precision ${m.precision.toFixed(3)}  recall ${m.recall.toFixed(3)}  preloaded ${String(m.preloaded).padStart(5)}  misses ${String(m.misses).padStart(4)}  unused ${String(m.unusedPreloads).padStart(4)}  cost/window ${m.costPerWindowMs.toFixed(2)} ms (×${(m.costPerWindowMs / baseline.costPerWindowMs).toFixed(2)} of frequency)  logloss ${m.logLoss.toFixed(3)}`;

async function main(): Promise<void> {
  const copies = Number(process.env.BENCH_COPIES ?? 4);
  const workload = await benchWorkload(copies);
  console.log(`data: ${workload.endpoints} endpoints, ${workload.minuteRows.length} minute rollups, ${workload.hourRows.length} hour rollups (8 h of the Azure 2019 trace)`);
  console.log(`costs: ${JSON.stringify(DEFAULT_LIBRARY_COSTS)}`);
  for (const windowMinutes of [30, 60]) {
    const histories = buildHistories(windowMinutes % 60 === 0 ? workload.hourRows : workload.minuteRows, windowMinutes);
    const { metrics } = trainRuntimeModel(
      { histories, arrivals: arrivalSeriesFromRollups(workload.minuteRows), windowMinutes, from: workload.from, to: workload.to },
      { ...DEFAULT_TRAINING_OPTIONS, costs: DEFAULT_LIBRARY_COSTS },
    );
    const l = metrics.library;
    console.log(
      `\nwindow ${windowMinutes} min: trained on ${metrics.trainExamples} examples, held out the later ${metrics.split.toWindow - metrics.split.splitWindow} windows (${metrics.holdoutExamples} examples, ${l.model.decisions} endpoint windows), cut p > ${l.model.cut.toFixed(3)}`,
    );
    console.log(row('model', l.model, l.frequency));
    console.log(row('frequency', l.frequency, l.frequency));
    console.log(row('recency', l.recency, l.frequency));
    console.log(row('preload-all', l.preloadAll, l.frequency));
    const rivals = { frequency: l.frequency, recency: l.recency, 'preload-all': l.preloadAll };
    const beaten = Object.entries(rivals).filter(([, m]) => l.model.costPerWindowMs < m.costPerWindowMs).map(([name]) => name);
    const lost = Object.entries(rivals).filter(([, m]) => !(l.model.costPerWindowMs < m.costPerWindowMs)).map(([name]) => name);
    console.log(
      `  promotion gate: learned head beats ${beaten.join(', ') || 'no baseline'}${lost.length ? `, not ${lost.join(', ')}` : ''}; ` +
        `the version serves ${l.served.policy === 'model' ? 'the learned head' : `the ${l.served.policy} baseline's decisions`} (${l.served.costPerWindowMs.toFixed(2)} ms per window)`,
    );
    const r = metrics.resources;
    console.log(
      `  memory rule (q${r.quantile}, ×${r.memoryFactor.toFixed(3)}): coverage ${r.model.memoryCoverage.toFixed(3)}, over ${r.model.memoryOverMb.toFixed(1)} MB; max-observed: coverage ${r.maxObserved.memoryCoverage.toFixed(3)}, over ${r.maxObserved.memoryOverMb.toFixed(1)} MB`,
    );
    const a = metrics.arrival;
    console.log(
      `  arrival head: logloss ${a.model?.logLoss.toFixed(4) ?? 'n/a'} brier ${a.model?.brier.toFixed(4) ?? 'n/a'}; empirical hazard: logloss ${a.empirical.logLoss.toFixed(4)} brier ${a.empirical.brier.toFixed(4)} (${a.empirical.minutes} endpoint-minutes); served: ${a.served}`,
    );
    console.log(`  training time ${metrics.trainingMs.toFixed(0)} ms`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
