import { type LogisticModelWeights, predictProbability } from '@tailor/ml';
import { InferenceSession, Tensor } from 'onnxruntime-node';

import { headNames } from './onnx-export';
import { readRuntimeModel } from './onnx-import';
import { ModelArtifactError, type ModelHead, type RuntimeModelBundle } from './runtime-model-bundle';

/** Largest difference between onnxruntime's float32 and the TypeScript float64 probability that a load accepts. */
export const PARITY_TOLERANCE = 1e-4;
const PROBE_ROWS = 8;

/**
 * A model file served by onnxruntime-node. `load` refuses (ModelArtifactError) a file that is not a Tailor model,
 * that onnxruntime cannot run, or whose outputs on a probe batch are not probabilities or differ from its weights.
 */
export class OnnxRuntimeModel {
  private constructor(
    readonly bundle: RuntimeModelBundle,
    private readonly session: InferenceSession,
  ) {}

  static async load(bytes: Uint8Array): Promise<OnnxRuntimeModel> {
    const bundle = readRuntimeModel(bytes);
    let session: InferenceSession;
    try {
      session = await InferenceSession.create(bytes, { intraOpNumThreads: 1, interOpNumThreads: 1, executionMode: 'sequential' });
    } catch (error) {
      throw new ModelArtifactError(`onnxruntime cannot load it (${error instanceof Error ? error.message : String(error)})`);
    }
    const model = new OnnxRuntimeModel(bundle, session);
    try {
      await model.probe('library', bundle.library);
      if (bundle.arrival) await model.probe('arrival', bundle.arrival);
    } catch (error) {
      await session.release();
      throw error;
    }
    return model;
  }

  hasHead(head: ModelHead): boolean {
    return this.session.inputNames.includes(headNames(head).input);
  }

  /** Probabilities of `rows` (count × features, row-major) through one head. */
  async run(head: ModelHead, rows: Float32Array, count: number): Promise<Float32Array> {
    if (count === 0) return new Float32Array(0);
    const feeds: Record<string, Tensor> = {};
    for (const name of this.session.inputNames) {
      const width = this.width(name.replace(/_features$/, '') as ModelHead);
      feeds[name] = name === headNames(head).input ? new Tensor('float32', rows, [count, width]) : new Tensor('float32', new Float32Array(0), [0, width]);
    }
    const output = headNames(head).output;
    const result = await this.session.run(feeds, [output]);
    return result[output].data as Float32Array;
  }

  async release(): Promise<void> {
    await this.session.release();
  }

  private width(head: ModelHead): number {
    const weights = head === 'library' ? this.bundle.library : this.bundle.arrival;
    return weights?.coefficients.length ?? 0;
  }

  /** Runs a deterministic probe batch (around the training means) and compares with the weights' own inference. */
  private async probe(head: ModelHead, weights: LogisticModelWeights): Promise<void> {
    const f = weights.coefficients.length;
    const rows = new Float32Array(PROBE_ROWS * f);
    for (let r = 0; r < PROBE_ROWS; r++) {
      for (let i = 0; i < f; i++) rows[r * f + i] = weights.means[i] + weights.scales[i] * Math.sin(r * 7 + i * 3);
    }
    let out: Float32Array;
    try {
      out = await this.run(head, rows, PROBE_ROWS);
    } catch (error) {
      throw new ModelArtifactError(`onnxruntime cannot run the ${head} head (${error instanceof Error ? error.message : String(error)})`);
    }
    for (let r = 0; r < PROBE_ROWS; r++) {
      const p = out[r];
      if (!(p >= 0 && p <= 1)) throw new ModelArtifactError(`${head} head gives ${p}, not a probability`);
      const expected = predictProbability(weights, rows.subarray(r * f, (r + 1) * f));
      if (Math.abs(expected - p) > PARITY_TOLERANCE) {
        throw new ModelArtifactError(`${head} head gives ${p} where its weights give ${expected}`);
      }
    }
  }
}
