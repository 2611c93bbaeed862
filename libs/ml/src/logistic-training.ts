import { solveSymmetric, standardisation } from './linear-algebra';
import type { LogisticModelWeights } from './logistic-model';
import { logit, sigmoid } from './sigmoid';

export interface LogisticTrainingOptions {
  /** L2 penalty on the standardised coefficients (not on the intercept). */
  l2: number;
  maxIterations: number;
  /** Stop when no coefficient moves by more than this in a step (0: never on this ground). */
  stepTolerance: number;
  /** Stop when a step lowers the penalised log-loss by less than this share of it. */
  lossTolerance: number;
}

/**
 * Fits the weights by damped Newton steps (iteratively reweighted least squares) with an L2 penalty: each step is
 * halved until the penalised log-loss decreases, since with skewed labels and correlated features plain Newton steps
 * overshoot and diverge. Warm-started from `initial` when it has the same number of features. `rows` holds `count`
 * examples of `featureNames.length` features each.
 */
export function trainLogisticModel(
  featureNames: readonly string[],
  rows: Float32Array,
  labels: Uint8Array,
  count: number,
  options: LogisticTrainingOptions,
  initial?: LogisticModelWeights,
): LogisticModelWeights {
  const f = featureNames.length;
  const dim = f + 1;
  const { means, scales } = standardisation(rows, count, f);
  const x = new Float64Array(count * dim);
  for (let r = 0; r < count; r++) {
    x[r * dim] = 1;
    for (let i = 0; i < f; i++) x[r * dim + i + 1] = (rows[r * f + i] - means[i]) / scales[i];
  }
  const beta = initialCoefficients(initial, means, scales, labels, count);

  /** Penalised negative log-likelihood. */
  const loss = (b: Float64Array): number => {
    let total = 0;
    for (let r = 0; r < count; r++) {
      let z = 0;
      for (let i = 0; i < dim; i++) z += b[i] * x[r * dim + i];
      // log(1 + e^z) − y·z, computed without overflow
      total += (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - labels[r] * z;
    }
    for (let i = 1; i < dim; i++) total += 0.5 * options.l2 * b[i] * b[i];
    return total;
  };

  const gradient = new Float64Array(dim);
  const hessian = new Float64Array(dim * dim);
  const trial = new Float64Array(dim);
  let current = loss(beta);
  for (let iteration = 0; iteration < options.maxIterations; iteration++) {
    gradient.fill(0);
    hessian.fill(0);
    for (let r = 0; r < count; r++) {
      let z = 0;
      for (let i = 0; i < dim; i++) z += beta[i] * x[r * dim + i];
      const p = sigmoid(z);
      const residual = labels[r] - p;
      const w = Math.max(p * (1 - p), 1e-9);
      for (let i = 0; i < dim; i++) {
        const xi = x[r * dim + i];
        gradient[i] += residual * xi;
        for (let j = 0; j <= i; j++) hessian[i * dim + j] += w * xi * x[r * dim + j];
      }
    }
    for (let i = 1; i < dim; i++) {
      gradient[i] -= options.l2 * beta[i];
      hessian[i * dim + i] += options.l2;
    }
    hessian[0] += 1e-6;
    const step = solveSymmetric(hessian, gradient, dim);
    let next = current;
    for (let t = 1, halvings = 0; halvings < 20; halvings++, t /= 2) {
      for (let i = 0; i < dim; i++) trial[i] = beta[i] + t * step[i];
      next = loss(trial);
      if (next <= current) break;
    }
    if (!(next <= current)) break;
    let largest = 0;
    for (let i = 0; i < dim; i++) largest = Math.max(largest, Math.abs(trial[i] - beta[i]));
    beta.set(trial);
    const improvement = (current - next) / Math.max(1, Math.abs(current));
    current = next;
    if (largest < options.stepTolerance || improvement < options.lossTolerance) break;
  }
  return {
    kind: 'logistic-regression',
    featureNames: [...featureNames],
    means,
    scales,
    coefficients: Array.from(beta.subarray(1)),
    intercept: beta[0],
  };
}

/** The previous model re-expressed on the new standardisation, or else the intercept of the label rate alone. */
function initialCoefficients(
  initial: LogisticModelWeights | undefined,
  means: number[],
  scales: number[],
  labels: Uint8Array,
  count: number,
): Float64Array {
  const f = means.length;
  const beta = new Float64Array(f + 1);
  if (initial && initial.featureNames.length === f) {
    let intercept = initial.intercept;
    for (let i = 0; i < f; i++) {
      const w = initial.coefficients[i] / initial.scales[i];
      beta[i + 1] = w * scales[i];
      intercept += w * (means[i] - initial.means[i]);
    }
    beta[0] = intercept;
  } else {
    const positives = labels.subarray(0, count).reduce((a, b) => a + b, 0);
    beta[0] = logit(Math.min(1 - 1e-6, Math.max(1e-6, (positives + 0.5) / (count + 1))));
  }
  return beta;
}
