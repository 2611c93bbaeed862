import { solveSymmetric, standardisation } from './linear-algebra';

/**
 * A logistic regression over a standardised numeric feature vector: p = σ(b + Σ wᵢ·(xᵢ − μᵢ)/sᵢ).
 * The weights object is plain data so that it can be serialised and exported to ONNX as
 * Sub → Div → MatMul → Add → Sigmoid (or folded into one Gemm).
 */
export interface LogisticModelWeights {
  kind: 'logistic-regression';
  featureNames: readonly string[];
  means: number[];
  scales: number[];
  coefficients: number[];
  intercept: number;
}

export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

export function logit(p: number): number {
  return Math.log(p / (1 - p));
}

/** The model's inference: a plain function of the feature vector. */
export function predictProbability(weights: LogisticModelWeights, features: ArrayLike<number>): number {
  let z = weights.intercept;
  const { means, scales, coefficients } = weights;
  for (let i = 0; i < coefficients.length; i++) z += (coefficients[i] * (features[i] - means[i])) / scales[i];
  return sigmoid(z);
}

export interface TrainingOptions {
  /** L2 penalty on the standardised coefficients (not on the intercept). */
  l2: number;
  maxIterations: number;
  /** Stop when the largest Newton step is below this. */
  tolerance: number;
}

export const DEFAULT_TRAINING_OPTIONS: TrainingOptions = { l2: 1, maxIterations: 8, tolerance: 1e-3 };

/**
 * Fits the weights by Newton's method (iteratively reweighted least squares) with an L2 penalty, warm-started from
 * `initial` when it has the same features. `rows` holds `count` examples of `featureNames.length` features each.
 */
export function trainLogisticModel(
  featureNames: readonly string[],
  rows: Float32Array,
  labels: Uint8Array,
  count: number,
  initial?: LogisticModelWeights,
  options: TrainingOptions = DEFAULT_TRAINING_OPTIONS,
): LogisticModelWeights {
  const f = featureNames.length;
  const { means, scales } = standardisation(rows, count, f);
  const dim = f + 1;
  const beta = new Float64Array(dim);
  if (initial && initial.featureNames.length === f) {
    // Re-express the previous model on the new standardisation.
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
  const x = new Float64Array(dim);
  const gradient = new Float64Array(dim);
  const hessian = new Float64Array(dim * dim);
  const trial = new Float64Array(dim);
  const standardised = (r: number): Float64Array => {
    x[0] = 1;
    for (let i = 0; i < f; i++) x[i + 1] = (rows[r * f + i] - means[i]) / scales[i];
    return x;
  };
  /** Penalised negative log-likelihood, for the step-halving line search that keeps Newton's method stable. */
  const loss = (b: Float64Array): number => {
    let total = 0;
    for (let r = 0; r < count; r++) {
      const v = standardised(r);
      let z = 0;
      for (let i = 0; i < dim; i++) z += b[i] * v[i];
      // log(1 + e^z) − y·z, computed without overflow
      total += (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - labels[r] * z;
    }
    for (let i = 1; i < dim; i++) total += 0.5 * options.l2 * b[i] * b[i];
    return total;
  };
  let current = loss(beta);
  for (let iteration = 0; iteration < options.maxIterations; iteration++) {
    gradient.fill(0);
    hessian.fill(0);
    for (let r = 0; r < count; r++) {
      const v = standardised(r);
      let z = 0;
      for (let i = 0; i < dim; i++) z += beta[i] * v[i];
      const p = sigmoid(z);
      const residual = labels[r] - p;
      const w = Math.max(p * (1 - p), 1e-9);
      for (let i = 0; i < dim; i++) {
        gradient[i] += residual * v[i];
        const wv = w * v[i];
        for (let j = 0; j <= i; j++) hessian[i * dim + j] += wv * v[j];
      }
    }
    for (let i = 1; i < dim; i++) {
      gradient[i] -= options.l2 * beta[i];
      hessian[i * dim + i] += options.l2;
    }
    hessian[0] += 1e-6;
    const step = solveSymmetric(hessian, gradient, dim);
    let scale = 1;
    let next = Number.POSITIVE_INFINITY;
    for (let halvings = 0; halvings < 20; halvings++, scale /= 2) {
      for (let i = 0; i < dim; i++) trial[i] = beta[i] + scale * step[i];
      next = loss(trial);
      if (next <= current) break;
    }
    if (!(next <= current)) break;
    let largest = 0;
    for (let i = 0; i < dim; i++) largest = Math.max(largest, Math.abs(trial[i] - beta[i]));
    beta.set(trial);
    const improvement = current - next;
    current = next;
    if (largest < options.tolerance || improvement < options.tolerance * Math.max(1, Math.abs(current)) * 1e-3) break;
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
