// Jest runs each test file in its own realm: the typed arrays onnxruntime-node's native binding returns come from
// Node's main realm and fail onnxruntime-common's `instanceof Float32Array` check against the test realm's class.
// Test files that run onnxruntime in-process use this environment (docblock `@jest-environment`), which shares the
// main realm's typed array classes with the test realm.
const { TestEnvironment } = require('jest-environment-node');

const SHARED = [
  'ArrayBuffer',
  'Float32Array',
  'Float64Array',
  'Int8Array',
  'Int16Array',
  'Int32Array',
  'Uint8Array',
  'Uint8ClampedArray',
  'Uint16Array',
  'Uint32Array',
  'BigInt64Array',
  'BigUint64Array',
];

class OnnxTestEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    for (const name of SHARED) this.global[name] = globalThis[name];
  }
}

module.exports = OnnxTestEnvironment;
