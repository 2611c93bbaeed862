import { type LogisticModelWeights, logit, sigmoid, solveSymmetric, standardisation } from '@tailor/warm-policy';

export interface LogisticTrainingOptions {
  /** L2 penalty on the standardised coefficients (not on the intercept) */
  l2: number;
  maxIterations: number;
  /** stop when the penalised log-loss improves by less than this (relative) */
  tolerance: number;
}

/**
 * Fits a LogisticModelWeights (the warm-policy lib's model format and inference) by damped Newton steps: each step
 * is halved until the penalised log-loss decreases. Library labels are skewed (most candidates are loaded) and the
 * features correlated, where plain Newton steps overshoot and diverge.
 */
export function trainLogisticRegression(
  featureNames: readonly string[],
  rows: Float32Array,
  labels: Uint8Array,
  count: number,
  options: LogisticTrainingOptions,
): LogisticModelWeights {
  const f = featureNames.length;
  const dim = f + 1;
  const { means, scales } = standardisation(rows, count, f);
  const x = new Float64Array(count * dim);
  for (let r = 0; r < count; r++) {
    x[r * dim] = 1;
    for (let i = 0; i < f; i++) x[r * dim + i + 1] = (rows[r * f + i] - means[i]) / scales[i];
  }
  const positives = labels.subarray(0, count).reduce((a, b) => a + b, 0);
  const beta = new Float64Array(dim);
  beta[0] = logit(Math.min(1 - 1e-6, Math.max(1e-6, (positives + 0.5) / (count + 1))));

  const loss = (b: Float64Array): number => {
    let total = 0;
    for (let r = 0; r < count; r++) {
      let z = 0;
      for (let i = 0; i < dim; i++) z += b[i] * x[r * dim + i];
      // log(1 + e^z) − y·z, computed stably
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
    let t = 1;
    let next = current;
    for (; t > 1e-6; t /= 2) {
      for (let i = 0; i < dim; i++) trial[i] = beta[i] + t * step[i];
      next = loss(trial);
      if (next <= current) break;
    }
    if (!(next <= current)) break;
    beta.set(trial);
    const improvement = (current - next) / Math.max(1, Math.abs(current));
    current = next;
    if (improvement < options.tolerance) break;
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
