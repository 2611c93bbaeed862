import type { LogisticModelWeights } from '@tailor/ml';

import type { LibraryCosts } from '../libraries/library-costs';
import type { LibraryPolicy } from '../libraries/library-model';
import type { ResourceRule } from '../resources/resource-rule';

export const RUNTIME_MODEL_FORMAT = 'tailor-runtime-model/1';

/** Everything one trained model version serves: the two learned heads and the rule and costs they were cut with. */
export interface RuntimeModelBundle {
  /** P(library loaded in the endpoint's next active window) */
  library: LogisticModelWeights;
  /**
   * Which decisions the served profiles take for libraries: the learned head, or the baseline that did better on the
   * held-out windows ("the better of them keeps serving"); 'model' when absent (files written before it existed).
   */
  libraryPolicy?: LibraryPolicy;
  /** P(endpoint invoked in a given coming minute); absent when there were too few minutes to learn it */
  arrival?: LogisticModelWeights;
  resources: ResourceRule;
  costs: LibraryCosts;
  windowMinutes: number;
}

export type ModelHead = 'library' | 'arrival';

/** Why a model file cannot be served. */
export class ModelArtifactError extends Error {
  constructor(readonly reason: string) {
    super(`model refused: ${reason}`);
    this.name = ModelArtifactError.name;
  }
}
