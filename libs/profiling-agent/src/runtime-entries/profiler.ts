// Entry of images/runtime/agent/profiler.js (bundled when the runtime image is built): what the runtime needs at start.
export { RuntimeProfiler } from '../runtime-profiler';
