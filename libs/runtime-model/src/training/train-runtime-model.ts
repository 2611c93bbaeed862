import { type ArrivalScore, evaluateArrivals, trainArrivalModel } from '../arrival/arrival-training';
import type { ArrivalSeries } from '../arrival/arrival-series';
import { byApplication, type EndpointHistory } from '../history/endpoint-history';
import type { LibraryCosts } from '../libraries/library-costs';
import { evaluateLibraries, type LibraryMetrics } from '../libraries/library-evaluation';
import { libraryExamples } from '../libraries/library-features';
import {
  frequencyScorer,
  type LibraryPolicy,
  libraryScorer,
  modelScorer,
  preloadAllScorer,
  recencyScorer,
  trainLibraryModel,
} from '../libraries/library-model';
import { evaluateResources, fitResourceRule, MAX_OBSERVED_RULE, type ResourceMetrics } from '../resources/resource-rule';
import { exportRuntimeModel } from '../onnx/onnx-export';
import type { RuntimeModelBundle } from '../onnx/runtime-model-bundle';

export interface TrainingData {
  histories: ReadonlyMap<string, EndpointHistory>;
  arrivals: readonly ArrivalSeries[];
  windowMinutes: number;
  /** data window, epoch ms: [from, to) */
  from: number;
  to: number;
}

export interface TrainingOptions {
  costs: LibraryCosts;
  /** share of the data window, at its end, held out for evaluation */
  holdoutFraction: number;
  /** at least this many library examples in each part */
  minExamples: number;
  resourceQuantile: number;
}

export const DEFAULT_TRAINING_OPTIONS: Omit<TrainingOptions, 'costs'> = { holdoutFraction: 0.25, minExamples: 50, resourceQuantile: 0.99 };

/** The windows of one evaluation: train on target windows `[from, split)`, evaluate on the later `[split, to)`. */
export interface DataSplit {
  fromWindow: number;
  splitWindow: number;
  toWindow: number;
}

export interface HoldoutEvaluation {
  library: LibraryMetrics;
  arrival?: ArrivalScore;
}

export interface ModelMetrics {
  windowMinutes: number;
  split: DataSplit & { splitAt: string };
  trainExamples: number;
  holdoutExamples: number;
  library: {
    model: LibraryMetrics;
    frequency: LibraryMetrics;
    recency: LibraryMetrics;
    preloadAll: LibraryMetrics;
    /** the decisions this version serves (see chooseLibraryPolicy) and their held-out cost */
    served: { policy: LibraryPolicy; costPerWindowMs: number };
  };
  resources: { model: ResourceMetrics; maxObserved: ResourceMetrics; memoryFactor: number; cpuFactor: number; quantile: number };
  arrival: { model?: ArrivalScore; empirical: ArrivalScore; served: 'model' | 'empirical' };
  trainingMs: number;
}

export class InsufficientDataError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = InsufficientDataError.name;
  }
}

export function splitOf(data: TrainingData, holdoutFraction: number): DataSplit {
  const fromWindow = Math.floor(data.from / 60_000 / data.windowMinutes);
  const toWindow = Math.ceil(data.to / 60_000 / data.windowMinutes);
  const splitWindow = toWindow - Math.max(1, Math.round((toWindow - fromWindow) * holdoutFraction));
  return { fromWindow, splitWindow, toWindow };
}

/**
 * The library decisions a version serves: its learned head when it costs strictly less than every baseline on the
 * held-out windows, else the cheapest baseline (the "otherwise the better of them keeps serving").
 */
export function chooseLibraryPolicy(library: Omit<ModelMetrics['library'], 'served'>): ModelMetrics['library']['served'] {
  const baselines: [LibraryPolicy, LibraryMetrics][] = [
    ['frequency', library.frequency],
    ['recency', library.recency],
    ['preload-all', library.preloadAll],
  ];
  const [policy, best] = baselines.reduce((a, b) => (b[1].costPerWindowMs < a[1].costPerWindowMs ? b : a));
  return library.model.costPerWindowMs < best.costPerWindowMs
    ? { policy: 'model', costPerWindowMs: library.model.costPerWindowMs }
    : { policy, costPerWindowMs: best.costPerWindowMs };
}

/**
 * A bundle's library decisions (as it serves them) and arrival scores on the held-out later windows of `data` (for
 * champion vs challenger).
 */
export function evaluateOnHoldout(bundle: RuntimeModelBundle, data: TrainingData, split: DataSplit): HoldoutEvaluation {
  const apps = byApplication(data.histories.values());
  const holdout = libraryExamples(data.histories.values(), apps, split.splitWindow, split.toWindow);
  const minute = (window: number) => window * data.windowMinutes;
  return {
    library: evaluateLibraries(holdout, libraryScorer(bundle.libraryPolicy ?? 'model', bundle.library), bundle.costs),
    arrival: evaluateArrivals(data.arrivals, minute(split.fromWindow), minute(split.splitWindow), minute(split.toWindow), bundle.arrival),
  };
}

/**
 * Trains a model version: the library head on the earlier windows, the memory/CPU rule, the arrival head (the
 * warm-policy forecaster's model, kept only when it beats the empirical hazard on the held-out minutes), all
 * evaluated with the baselines on the later held-out windows, and exported to ONNX.
 */
export function trainRuntimeModel(
  data: TrainingData,
  options: TrainingOptions,
): { bundle: RuntimeModelBundle; artifact: Uint8Array; metrics: ModelMetrics; split: DataSplit } {
  const started = performance.now();
  const split = splitOf(data, options.holdoutFraction);
  const apps = byApplication(data.histories.values());
  const train = libraryExamples(data.histories.values(), apps, split.fromWindow, split.splitWindow);
  const holdout = libraryExamples(data.histories.values(), apps, split.splitWindow, split.toWindow);
  if (train.labels.length < options.minExamples || holdout.labels.length < Math.ceil(options.minExamples / 4)) {
    throw new InsufficientDataError(
      `not enough profiling data: ${train.labels.length} training and ${holdout.labels.length} held-out library examples ` +
        `(need ${options.minExamples} and ${Math.ceil(options.minExamples / 4)})`,
    );
  }
  const library = trainLibraryModel(train);
  const resources = fitResourceRule(data.histories.values(), split.fromWindow, split.splitWindow, options.resourceQuantile);

  const minute = (window: number) => window * data.windowMinutes;
  const trainedArrival = trainArrivalModel(data.arrivals, minute(split.fromWindow), minute(split.splitWindow));
  const empirical = evaluateArrivals(data.arrivals, minute(split.fromWindow), minute(split.splitWindow), minute(split.toWindow));
  const arrivalScore = trainedArrival
    ? evaluateArrivals(data.arrivals, minute(split.fromWindow), minute(split.splitWindow), minute(split.toWindow), trainedArrival)
    : undefined;
  const arrival = arrivalScore && arrivalScore.logLoss < empirical.logLoss ? trainedArrival : undefined;

  const libraryMetrics = {
    model: evaluateLibraries(holdout, modelScorer(library), options.costs),
    frequency: evaluateLibraries(holdout, frequencyScorer, options.costs),
    recency: evaluateLibraries(holdout, recencyScorer, options.costs),
    preloadAll: evaluateLibraries(holdout, preloadAllScorer, options.costs),
  };
  const served = chooseLibraryPolicy(libraryMetrics);
  const bundle: RuntimeModelBundle = {
    library,
    libraryPolicy: served.policy,
    arrival,
    resources,
    costs: options.costs,
    windowMinutes: data.windowMinutes,
  };
  const metrics: ModelMetrics = {
    windowMinutes: data.windowMinutes,
    split: { ...split, splitAt: new Date(minute(split.splitWindow) * 60_000).toISOString() },
    trainExamples: train.labels.length,
    holdoutExamples: holdout.labels.length,
    library: { ...libraryMetrics, served },
    resources: {
      model: evaluateResources(data.histories.values(), resources, split.splitWindow, split.toWindow),
      maxObserved: evaluateResources(data.histories.values(), MAX_OBSERVED_RULE, split.splitWindow, split.toWindow),
      ...resources,
    },
    arrival: { model: arrivalScore, empirical, served: arrival ? 'model' : 'empirical' },
    trainingMs: 0,
  };
  const artifact = exportRuntimeModel(bundle, `trained on ${new Date(data.from).toISOString()} .. ${new Date(data.to).toISOString()}`);
  metrics.trainingMs = performance.now() - started;
  return { bundle, artifact, metrics, split };
}
