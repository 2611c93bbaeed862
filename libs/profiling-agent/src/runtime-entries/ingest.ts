// Entry of images/runtime/agent/ingest.js: the shipping agent, loaded only by a runtime given profiler-ingest's URL.
export { ProfilingAgent } from '../profiling-agent';
