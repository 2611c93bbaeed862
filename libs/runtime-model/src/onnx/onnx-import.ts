import type { LogisticModelWeights } from '@tailor/ml';
import { ARRIVAL_FEATURE_NAMES } from '@tailor/warm-policy';
import { onnx } from 'onnx-proto';

import { LIBRARY_FEATURE_NAMES } from '../libraries/library-features';
import type { LibraryCosts } from '../libraries/library-costs';
import { LIBRARY_POLICIES, type LibraryPolicy } from '../libraries/library-model';
import type { ResourceRule } from '../resources/resource-rule';
import { headNames } from './onnx-export';
import { ModelArtifactError, type ModelHead, RUNTIME_MODEL_FORMAT, type RuntimeModelBundle } from './runtime-model-bundle';

const EXPECTED_FEATURES: Record<ModelHead, readonly string[]> = { library: LIBRARY_FEATURE_NAMES, arrival: ARRIVAL_FEATURE_NAMES };

function decode(bytes: Uint8Array): onnx.ModelProto {
  if (bytes.length === 0) throw new ModelArtifactError('empty model file');
  try {
    return onnx.ModelProto.decode(bytes);
  } catch (error) {
    throw new ModelArtifactError(`not an ONNX model (${error instanceof Error ? error.message : String(error)})`);
  }
}

function parseJson<T>(metadata: Map<string, string>, key: string): T {
  const text = metadata.get(key);
  if (text === undefined) throw new ModelArtifactError(`metadata ${key} missing`);
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new ModelArtifactError(`metadata ${key} is not JSON`);
  }
}

function finiteNumbers(values: unknown, what: string, length?: number): number[] {
  if (!Array.isArray(values) || values.some((v) => typeof v !== 'number' || !Number.isFinite(v))) {
    throw new ModelArtifactError(`${what} holds a value that is not a finite number`);
  }
  if (length !== undefined && values.length !== length) throw new ModelArtifactError(`${what} has ${values.length} values, expected ${length}`);
  return values as number[];
}

function readHead(model: onnx.ModelProto, metadata: Map<string, string>, head: ModelHead): LogisticModelWeights {
  const names = headNames(head);
  const featureNames = parseJson<string[]>(metadata, `tailor.${head}.features`);
  const expected = EXPECTED_FEATURES[head];
  if (!Array.isArray(featureNames) || featureNames.join(',') !== expected.join(',')) {
    throw new ModelArtifactError(
      `${head} features of the model (${Array.isArray(featureNames) ? featureNames.length : 0}) differ from this predictor's (${expected.length}): retrain it`,
    );
  }
  const graph = model.graph;
  if (!graph?.input?.some((i) => i.name === names.input) || !graph.output?.some((o) => o.name === names.output)) {
    throw new ModelArtifactError(`graph lacks the ${names.input} input or the ${names.output} output`);
  }
  const initializer = (name: string) => {
    const found = (graph.initializer ?? []).find((t) => t.name === name);
    if (!found) throw new ModelArtifactError(`initializer ${name} missing`);
    if (found.dataType !== onnx.TensorProto.DataType.FLOAT) throw new ModelArtifactError(`initializer ${name} is not float32`);
    return found.floatData;
  };
  const f = expected.length;
  return {
    kind: 'logistic-regression',
    featureNames: [...expected],
    means: finiteNumbers(initializer(names.mean), names.mean, f),
    scales: finiteNumbers(initializer(names.scale), names.scale, f),
    coefficients: finiteNumbers(initializer(names.coefficients), names.coefficients, f),
    intercept: finiteNumbers(initializer(names.intercept), names.intercept, 1)[0],
  };
}

/** Reads and checks a model file; anything that cannot be served throws ModelArtifactError with the reason. */
export function readRuntimeModel(bytes: Uint8Array): RuntimeModelBundle {
  const model = decode(bytes);
  const metadata = new Map((model.metadataProps ?? []).map((p) => [p.key ?? '', p.value ?? '']));
  const format = metadata.get('tailor.format');
  if (format === undefined) throw new ModelArtifactError('not a Tailor runtime model (no tailor.format metadata)');
  if (format !== RUNTIME_MODEL_FORMAT) throw new ModelArtifactError(`unsupported format ${format}, expected ${RUNTIME_MODEL_FORMAT}`);
  const resources = parseJson<ResourceRule>(metadata, 'tailor.resources');
  finiteNumbers([resources?.quantile, resources?.memoryFactor, resources?.cpuFactor], 'tailor.resources');
  if (resources.memoryFactor < 1 || resources.cpuFactor < 1) throw new ModelArtifactError('resource factors below 1 would size under the observed need');
  const costs = parseJson<LibraryCosts>(metadata, 'tailor.costs');
  finiteNumbers([costs?.lateLoadMs, costs?.unusedPreloadMs, costs?.missingInstallMs, costs?.unusedInstallMs], 'tailor.costs');
  const libraryPolicy = metadata.get('tailor.library.policy') ?? 'model';
  if (!(LIBRARY_POLICIES as readonly string[]).includes(libraryPolicy)) {
    throw new ModelArtifactError(`tailor.library.policy ${libraryPolicy} is none of ${LIBRARY_POLICIES.join(', ')}`);
  }
  const windowMinutes = Number(metadata.get('tailor.windowMinutes'));
  if (!Number.isInteger(windowMinutes) || windowMinutes < 1) throw new ModelArtifactError('tailor.windowMinutes is not a positive integer');
  return {
    library: readHead(model, metadata, 'library'),
    libraryPolicy: libraryPolicy as LibraryPolicy,
    arrival: metadata.has('tailor.arrival.features') ? readHead(model, metadata, 'arrival') : undefined,
    resources,
    costs,
    windowMinutes,
  };
}
