import {
  type LogisticModelWeights,
  type LogisticTrainingOptions,
  predictProbability,
  trainLogisticModel,
} from '@tailor/ml';

import type { FunctionInfo } from '../policy/keep-warm-policy';
import {
  AppActivity,
  ARRIVAL_FEATURE_COUNT,
  ARRIVAL_FEATURE_NAMES,
  ArrivalHistory,
  triggerIndex,
} from './arrival-features';
import { ExampleReservoir } from './example-reservoir';

export interface ArrivalForecasterOptions {
  /** Retrain every this many minutes (the nightly job, simulated hourly in the replay). */
  retrainEveryMinutes: number;
  /** Labelled examples kept for training (a uniform sample of all minutes seen). */
  reservoirSize: number;
  training: LogisticTrainingOptions;
  /** Weights to start from (e.g. the model the nightly job exported); until then, the empirical hazard. */
  initialWeights?: LogisticModelWeights;
}

/** Few Newton steps per hourly retrain, each warm-started from the previous model. */
export const FORECASTER_TRAINING_OPTIONS: LogisticTrainingOptions = {
  l2: 1,
  maxIterations: 8,
  stepTolerance: 1e-3,
  lossTolerance: 1e-6,
};

export const DEFAULT_FORECASTER_OPTIONS: ArrivalForecasterOptions = {
  retrainEveryMinutes: 60,
  reservoirSize: 50_000,
  training: FORECASTER_TRAINING_OPTIONS,
};

/** What the forecaster keeps per function; read-only outside it. */
export interface ForecastEntry {
  readonly info: FunctionInfo;
  readonly history: ArrivalHistory;
}

interface ForecastState extends ForecastEntry {
  /** Minute whose features wait for their label (−∞ when none), and those features. */
  pendingMinute: number;
  pending: Float32Array;
  cachedMinute: number;
  cachedProbability: number;
}

/**
 * Online forecast of P(function invoked in minute t | history before t), learned across functions: each decided
 * minute becomes a labelled example once its invocations are known, and the logistic model is retrained on a uniform
 * sample of those examples every `retrainEveryMinutes`. Several decision rules (e.g. one per cost ratio) can share
 * one forecaster: registering, observing and asking twice for the same minute are idempotent.
 */
export class ArrivalForecaster {
  private readonly options: ArrivalForecasterOptions;
  private readonly functions = new Map<string, ForecastState>();
  private readonly apps = new Map<string, AppActivity>();
  private readonly reservoir: ExampleReservoir;
  private readonly scratch = new Float32Array(ARRIVAL_FEATURE_COUNT);
  private model?: LogisticModelWeights;
  private nextRetrainAt = Number.NaN;
  private trainings = 0;

  constructor(options: Partial<ArrivalForecasterOptions> = {}) {
    this.options = { ...DEFAULT_FORECASTER_OPTIONS, ...options };
    this.reservoir = new ExampleReservoir(this.options.reservoirSize, ARRIVAL_FEATURE_COUNT);
    this.model = this.options.initialWeights;
  }

  get weights(): LogisticModelWeights | undefined {
    return this.model;
  }

  get trainingCount(): number {
    return this.trainings;
  }

  register(info: FunctionInfo): void {
    if (this.functions.has(info.key)) return;
    let app = this.apps.get(info.appKey);
    if (!app) {
      app = new AppActivity();
      this.apps.set(info.appKey, app);
    }
    app.functionCount += 1;
    this.functions.set(info.key, {
      info,
      history: new ArrivalHistory(triggerIndex(info.trigger), app),
      pendingMinute: Number.NEGATIVE_INFINITY,
      pending: new Float32Array(ARRIVAL_FEATURE_COUNT),
      cachedMinute: Number.NaN,
      cachedProbability: 0,
    });
  }

  info(key: string): FunctionInfo {
    return this.state(key).info;
  }

  /** Mean invocations in the function's invoked minutes (for the expected concurrency). */
  meanInvocations(key: string): number {
    return this.state(key).history.meanInvocations;
  }

  observe(key: string, minute: number, invocations: number): void {
    if (invocations <= 0) return;
    const state = this.state(key);
    const { history } = state;
    if (minute <= history.lastInvoked) return;
    if (state.pendingMinute === minute) {
      this.reservoir.add(state.pending, true);
      state.pendingMinute = Number.NEGATIVE_INFINITY;
    } else {
      this.settlePending(state, minute);
    }
    history.record(minute, invocations);
    state.cachedMinute = Number.NaN;
  }

  /**
   * P(invoked in `minute`) from the history of the minutes before it. A function never invoked has probability 0:
   * no platform keeps a function warm before it has run once.
   */
  probability(key: string, minute: number): number {
    return this.probabilityOf(this.state(key), minute);
  }

  /** The entry of a registered function, to ask for several of its figures with one look-up. */
  entry(key: string): ForecastEntry {
    return this.state(key);
  }

  /** `probability` for an entry obtained from `entry`. */
  probabilityOf(entry: ForecastEntry, minute: number): number {
    const state = entry as ForecastState;
    if (state.cachedMinute === minute) return state.cachedProbability;
    const { history } = state;
    if (!history.seen) return 0;
    if (minute <= history.lastInvoked) return 1;
    this.maybeRetrain(minute);
    this.settlePending(state, minute);
    history.features(minute, state.pending);
    state.pendingMinute = minute;
    const p = this.model ? predictProbability(this.model, state.pending) : history.empiricalHazard(minute);
    state.cachedMinute = minute;
    state.cachedProbability = p;
    return p;
  }

  /**
   * Probabilities for minutes `from … from+horizon−1` assuming no invocation meanwhile (the survival path), for
   * planning a pre-warm. Does not record training examples.
   */
  forecast(key: string, from: number, horizon: number): number[] {
    const { history } = this.state(key);
    if (!history.seen) return new Array<number>(horizon).fill(0);
    const out: number[] = [];
    for (let minute = from; minute < from + horizon; minute++) {
      if (minute <= history.lastInvoked) {
        out.push(1);
        continue;
      }
      history.features(minute, this.scratch);
      out.push(this.model ? predictProbability(this.model, this.scratch) : history.empiricalHazard(minute));
    }
    return out;
  }

  /** Fits the model on the examples gathered so far (called on the retraining schedule). */
  retrain(): void {
    if (this.reservoir.count < 100) return;
    this.model = trainLogisticModel(
      ARRIVAL_FEATURE_NAMES,
      this.reservoir.rows,
      this.reservoir.labels,
      this.reservoir.count,
      this.options.training,
      this.model,
    );
    this.trainings += 1;
  }

  private maybeRetrain(minute: number): void {
    if (Number.isNaN(this.nextRetrainAt)) this.nextRetrainAt = minute + this.options.retrainEveryMinutes;
    if (minute < this.nextRetrainAt) return;
    this.retrain();
    while (this.nextRetrainAt <= minute) this.nextRetrainAt += this.options.retrainEveryMinutes;
  }

  /** A decided minute before `minute` with no invocation observed in it becomes a negative example. */
  private settlePending(state: ForecastState, minute: number): void {
    if (state.pendingMinute < minute && Number.isFinite(state.pendingMinute)) {
      this.reservoir.add(state.pending, false);
    }
    state.pendingMinute = Number.NEGATIVE_INFINITY;
  }

  private state(key: string): ForecastState {
    const state = this.functions.get(key);
    if (!state) throw new Error(`Unknown function ${key}: register it before observing or deciding`);
    return state;
  }
}
