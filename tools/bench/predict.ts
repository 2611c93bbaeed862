/**
 * Prediction latency, single and batched, through onnxruntime-node (p50/p99), against the TypeScript inference of the
 * same weights measured in the same run; retrain time for the data sizes generated here. `npm run bench:predict`
 */
import {
  ArrivalTracker,
  arrivalSeriesFromRollups,
  buildHistories,
  byApplication,
  DEFAULT_LIBRARY_COSTS,
  DEFAULT_TRAINING_OPTIONS,
  LIBRARY_FEATURE_COUNT,
  libraryCandidates,
  OnnxRuntimeModel,
  peerLatestWindows,
  trainRuntimeModel,
} from '@tailor/runtime-model';
import { percentile, predictProbability } from '@tailor/ml';
import { ARRIVAL_FEATURE_COUNT } from '@tailor/warm-policy';

import { benchWorkload } from './bench-data';

const HORIZON = 10;

async function time(iterations: number, work: () => Promise<unknown> | unknown): Promise<number[]> {
  for (let i = 0; i < Math.min(50, iterations); i++) await work();
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const started = process.hrtime.bigint();
    await work();
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return samples;
}

const fmt = (samples: number[], per = 1) =>
  `p50 ${(percentile(samples, 0.5) / per).toFixed(4)} ms  p99 ${(percentile(samples, 0.99) / per).toFixed(4)} ms`;

async function main(): Promise<void> {
  console.log('retrain time (library head + memory rule + arrival head with its held-out replays, ONNX export):');
  let trained: ReturnType<typeof trainRuntimeModel> | undefined;
  let workload: Awaited<ReturnType<typeof benchWorkload>> | undefined;
  for (const copies of [1, 4, 20]) {
    workload = await benchWorkload(copies);
    const started = performance.now();
    const histories = buildHistories(workload.hourRows, 60);
    trained = trainRuntimeModel(
      { histories, arrivals: arrivalSeriesFromRollups(workload.minuteRows), windowMinutes: 60, from: workload.from, to: workload.to },
      { ...DEFAULT_TRAINING_OPTIONS, costs: DEFAULT_LIBRARY_COSTS },
    );
    console.log(
      `  ${String(workload.endpoints).padStart(5)} endpoints, ${String(workload.minuteRows.length).padStart(6)} minute + ${workload.hourRows.length} hour rollups, ${trained.metrics.trainExamples} library examples: ${(performance.now() - started).toFixed(0)} ms`,
    );
  }
  if (!trained || !workload) return;
  const model = await OnnxRuntimeModel.load(trained.artifact);
  const { library, arrival } = trained.bundle;
  if (!arrival) throw new Error('no arrival head trained');

  // single endpoint: its library candidates' features and one onnxruntime call
  const histories = buildHistories(workload.hourRows, 60);
  const apps = byApplication(histories.values());
  const all = [...histories.values()];
  const history = all.sort((a, b) => b.windows.length - a.windows.length)[0];
  const peers = apps.get(history.applicationId) ?? [];
  const features = () => {
    const candidates = libraryCandidates(history, history.windows.length, peerLatestWindows(peers, history, Number.POSITIVE_INFINITY));
    const rows = new Float32Array(candidates.length * LIBRARY_FEATURE_COUNT);
    candidates.forEach((c, i) => rows.set(c.features, i * LIBRARY_FEATURE_COUNT));
    return { rows, count: candidates.length };
  };
  const single = await time(2000, async () => {
    const { rows, count } = features();
    await model.run('library', rows, count);
  });
  const singleTs = await time(2000, () => {
    const { rows, count } = features();
    for (let i = 0; i < count; i++) predictProbability(library, rows.subarray(i * LIBRARY_FEATURE_COUNT, (i + 1) * LIBRARY_FEATURE_COUNT));
  });
  console.log(`\nsingle endpoint profile (library head, ${features().count} candidates, features + inference; no database):`);
  console.log(`  onnxruntime-node ${fmt(single)}   TypeScript baseline ${fmt(singleTs)}   ratio ${(percentile(single, 0.5) / percentile(singleTs, 0.5)).toFixed(2)}`);

  // batched forecast: every endpoint × HORIZON minutes in one onnxruntime call
  const tracker = new ArrivalTracker();
  for (const row of workload.minuteRows) tracker.record(row.applicationId, row.endpointId, Math.floor(Number(row.bucketStart) / 60_000), row.invocations, row.executionTimeSum);
  const from = Math.floor(workload.to / 60_000);
  const keys = tracker.active(Number.NEGATIVE_INFINITY).map((e) => e.key);
  const singleForecast = await time(2000, async () => model.run('arrival', tracker.features(keys.slice(0, 1), from, HORIZON), HORIZON));
  const batched = await time(200, async () => model.run('arrival', tracker.features(keys, from, HORIZON), keys.length * HORIZON));
  const batchedTs = await time(200, () => {
    const rows = tracker.features(keys, from, HORIZON);
    for (let i = 0; i < keys.length * HORIZON; i++) predictProbability(arrival, rows.subarray(i * ARRIVAL_FEATURE_COUNT, (i + 1) * ARRIVAL_FEATURE_COUNT));
  });
  console.log(`\nwarm-pool forecast, ${HORIZON} minutes ahead (features + inference):`);
  console.log(`  single endpoint     onnxruntime-node ${fmt(singleForecast)}`);
  console.log(`  batch of ${keys.length} endpoints: onnxruntime-node ${fmt(batched)} per batch; per endpoint ${fmt(batched, keys.length)}`);
  console.log(`  TypeScript baseline ${fmt(batchedTs)} per batch; per endpoint ${fmt(batchedTs, keys.length)}; ratio ${(percentile(batched, 0.5) / percentile(batchedTs, 0.5)).toFixed(2)}`);
  await model.release();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
