import type { RuntimeProfile } from '@tailor/contracts';

export const DEFAULT_MEMORY_MB = 256;
export const DEFAULT_CPU_MILLIS = 500;

/** The profile served while no model knows an endpoint: the generic runtime, nothing preloaded, nothing kept warm. */
export function defaultProfile(applicationId: string, endpointId: string, languageVersion: string): RuntimeProfile {
  return {
    applicationId,
    endpointId,
    language: 'node',
    languageVersion,
    libraries: [],
    preload: [],
    preloadedData: [],
    memoryMb: DEFAULT_MEMORY_MB,
    cpuMillis: DEFAULT_CPU_MILLIS,
    warmPool: { windows: [] },
  };
}
