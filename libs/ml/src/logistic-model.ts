import { sigmoid } from './sigmoid';

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

/** The model's inference: a plain function of the feature vector. */
export function predictProbability(weights: LogisticModelWeights, features: ArrayLike<number>): number {
  let z = weights.intercept;
  const { means, scales, coefficients } = weights;
  for (let i = 0; i < coefficients.length; i++) z += (coefficients[i] * (features[i] - means[i])) / scales[i];
  return sigmoid(z);
}
