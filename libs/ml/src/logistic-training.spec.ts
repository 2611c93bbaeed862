import { predictProbability } from './logistic-model';
import { trainLogisticModel } from './logistic-training';
import { sigmoid } from './sigmoid';

const OPTIONS = { l2: 1, maxIterations: 8, stepTolerance: 1e-3, lossTolerance: 1e-6 };

function logisticSample(count: number): { rows: Float32Array; labels: Uint8Array } {
  const rows = new Float32Array(count * 2);
  const labels = new Uint8Array(count);
  let seed = 7;
  const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
  for (let i = 0; i < count; i++) {
    rows[i * 2] = random() * 4 - 2;
    rows[i * 2 + 1] = random();
    labels[i] = random() < sigmoid(2 * rows[i * 2] - 1) ? 1 : 0;
  }
  return { rows, labels };
}

describe(trainLogisticModel.name, () => {
  it('should recover the direction and calibration of a logistic relation', () => {
    const count = 4000;
    const { rows, labels } = logisticSample(count);
    const weights = trainLogisticModel(['x', 'noise'], rows, labels, count, OPTIONS);
    expect(weights.featureNames).toEqual(['x', 'noise']);
    expect(predictProbability(weights, [1, 0.5])).toBeCloseTo(sigmoid(1), 1);
    expect(predictProbability(weights, [-1, 0.5])).toBeCloseTo(sigmoid(-3), 1);
    expect(Math.abs(weights.coefficients[1] / weights.scales[1])).toBeLessThan(0.5);
  });

  it('should stay finite on separable data thanks to the L2 penalty', () => {
    const rows = Float32Array.from([0, 0, 0, 1, 1, 1]);
    const labels = Uint8Array.from([0, 0, 0, 1, 1, 1]);
    const weights = trainLogisticModel(['x'], rows, labels, 6, OPTIONS);
    expect(Number.isFinite(weights.coefficients[0])).toBe(true);
    expect(predictProbability(weights, [1])).toBeGreaterThan(0.5);
    expect(predictProbability(weights, [0])).toBeLessThan(0.5);
  });

  it('should start from the given weights, re-expressed on the new standardisation', () => {
    const count = 4000;
    const { rows, labels } = logisticSample(count);
    const fitted = trainLogisticModel(['x', 'noise'], rows, labels, count, OPTIONS);
    const restarted = trainLogisticModel(['x', 'noise'], rows, labels, count, { ...OPTIONS, maxIterations: 0 }, fitted);
    expect(restarted.intercept).toBeCloseTo(fitted.intercept, 10);
    expect(restarted.coefficients[0]).toBeCloseTo(fitted.coefficients[0], 10);
  });

  it('should start from the label rate without initial weights', () => {
    const labels = Uint8Array.from([1, 1, 1, 0]);
    const weights = trainLogisticModel(['x'], Float32Array.from([0, 1, 2, 3]), labels, 4, {
      ...OPTIONS,
      maxIterations: 0,
    });
    expect(predictProbability(weights, [1.5])).toBeCloseTo(3.5 / 5, 10);
  });
});
