import type { LogisticModelWeights } from '@tailor/ml';
import { onnx } from 'onnx-proto';

import { type ModelHead, RUNTIME_MODEL_FORMAT, type RuntimeModelBundle } from './runtime-model-bundle';

const FLOAT = onnx.TensorProto.DataType.FLOAT;
export const OPSET = 17;

export const headNames = (head: ModelHead) => ({
  input: `${head}_features`,
  output: `${head}_probability`,
  mean: `${head}_mean`,
  scale: `${head}_scale`,
  coefficients: `${head}_coefficients`,
  intercept: `${head}_intercept`,
});

const tensor = (name: string, dims: number[], values: number[]): onnx.ITensorProto => ({ name, dims, dataType: FLOAT, floatData: values });

const valueInfo = (name: string, dims: (number | string)[]): onnx.IValueInfoProto => ({
  name,
  type: {
    tensorType: { elemType: FLOAT, shape: { dim: dims.map((d) => (typeof d === 'string' ? { dimParam: d } : { dimValue: d })) } },
  },
});

/** p = Sigmoid(((x − mean) / scale) · coefficients + intercept), the logistic model exactly as the TypeScript computes it. */
function logisticHead(head: ModelHead, weights: LogisticModelWeights) {
  const n = headNames(head);
  const f = weights.coefficients.length;
  const [centred, standardised, linear, logit] = ['centred', 'standardised', 'linear', 'logit'].map((s) => `${head}_${s}`);
  return {
    nodes: [
      { opType: 'Sub', input: [n.input, n.mean], output: [centred], name: centred },
      { opType: 'Div', input: [centred, n.scale], output: [standardised], name: standardised },
      { opType: 'MatMul', input: [standardised, n.coefficients], output: [linear], name: linear },
      { opType: 'Add', input: [linear, n.intercept], output: [logit], name: logit },
      { opType: 'Sigmoid', input: [logit], output: [n.output], name: n.output },
    ] satisfies onnx.INodeProto[],
    initializers: [
      tensor(n.mean, [f], weights.means),
      tensor(n.scale, [f], weights.scales),
      tensor(n.coefficients, [f, 1], weights.coefficients),
      tensor(n.intercept, [1], [weights.intercept]),
    ],
    input: valueInfo(n.input, [`${head}_batch`, f]),
    output: valueInfo(n.output, [`${head}_batch`, 1]),
  };
}

/** Writes the bundle as one ONNX model (one input and one output per head); rules, costs and feature names go in the metadata. */
export function exportRuntimeModel(bundle: RuntimeModelBundle, docString = ''): Uint8Array {
  const heads = [logisticHead('library', bundle.library), ...(bundle.arrival ? [logisticHead('arrival', bundle.arrival)] : [])];
  const metadata: Record<string, string> = {
    'tailor.format': RUNTIME_MODEL_FORMAT,
    'tailor.library.features': JSON.stringify(bundle.library.featureNames),
    'tailor.library.policy': bundle.libraryPolicy ?? 'model',
    'tailor.resources': JSON.stringify(bundle.resources),
    'tailor.costs': JSON.stringify(bundle.costs),
    'tailor.windowMinutes': String(bundle.windowMinutes),
  };
  if (bundle.arrival) metadata['tailor.arrival.features'] = JSON.stringify(bundle.arrival.featureNames);
  const model = onnx.ModelProto.create({
    irVersion: 8,
    opsetImport: [{ domain: '', version: OPSET }],
    producerName: '@tailor/runtime-model',
    producerVersion: '0.1.0',
    docString,
    graph: {
      name: 'tailor_runtime_model',
      node: heads.flatMap((h) => h.nodes),
      initializer: heads.flatMap((h) => h.initializers),
      input: heads.map((h) => h.input),
      output: heads.map((h) => h.output),
    },
    metadataProps: Object.entries(metadata).map(([key, value]) => ({ key, value })),
  });
  return onnx.ModelProto.encode(model).finish();
}
