import { type LogisticModelWeights, type LogisticTrainingOptions, predictProbability, trainLogisticModel } from '@tailor/ml';

import { LIBRARY_FEATURE_NAMES, type LibraryExampleSet } from './library-features';

/** Scores a candidate's feature vector with P(loaded in the next window). */
export type LibraryScorer = (features: ArrayLike<number>) => number;

export const LIBRARY_TRAINING_OPTIONS: LogisticTrainingOptions = { l2: 1, maxIterations: 30, stepTolerance: 0, lossTolerance: 1e-7 };

/** The learned library model: a logistic regression over LIBRARY_FEATURE_NAMES (@tailor/ml's model format and inference). */
export function trainLibraryModel(examples: LibraryExampleSet): LogisticModelWeights {
  if (examples.labels.length === 0) throw new Error('no library examples to train on');
  return trainLogisticModel(LIBRARY_FEATURE_NAMES, examples.rows, examples.labels, examples.labels.length, LIBRARY_TRAINING_OPTIONS);
}

export const modelScorer =
  (weights: LogisticModelWeights): LibraryScorer =>
  (features) =>
    predictProbability(weights, features);

/** Frequency baseline: the share of the endpoint's past windows that loaded the library. */
export const frequencyScorer: LibraryScorer = (features) => features[0];

/** Recency baseline: loaded in the last window → certain, else never. */
export const recencyScorer: LibraryScorer = (features) => features[2];

/** Preload-all baseline: every library the endpoint (or its application) has loaded before. */
export const preloadAllScorer: LibraryScorer = () => 1;

/** Where a model version's library decisions come from: its learned head, or the baseline that beat it on the held-out windows. */
export const LIBRARY_POLICIES = ['model', 'frequency', 'recency', 'preload-all'] as const;
export type LibraryPolicy = (typeof LIBRARY_POLICIES)[number];

export function libraryScorer(policy: LibraryPolicy, weights: LogisticModelWeights): LibraryScorer {
  switch (policy) {
    case 'model':
      return modelScorer(weights);
    case 'frequency':
      return frequencyScorer;
    case 'recency':
      return recencyScorer;
    case 'preload-all':
      return preloadAllScorer;
  }
}
