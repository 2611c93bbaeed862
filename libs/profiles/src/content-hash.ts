import { createHash } from 'node:crypto';

import type { RuntimeProfile } from '@tailor/contracts';

/** Platform sizes that memory and CPU requests are rounded up to, so that near-identical profiles share an image. */
const MEMORY_STEP_MB = 64;
const CPU_STEP_MILLIS = 50;

const roundUp = (value: number, step: number): number => Math.ceil(value / step) * step;

/** The part of a profile that decides what a runtime image contains and how it runs, in one canonical form. */
export function canonicalProfile(profile: RuntimeProfile) {
  return {
    language: profile.language,
    languageVersion: profile.languageVersion,
    libraries: [...profile.libraries]
      .map(({ name, version }) => `${name}@${version}`)
      .sort(),
    preload: [...new Set(profile.preload)].sort(),
    preloadedData: [...new Set(profile.preloadedData)].sort(),
    memoryMb: roundUp(profile.memoryMb, MEMORY_STEP_MB),
    cpuMillis: roundUp(profile.cpuMillis, CPU_STEP_MILLIS),
  };
}

export function profileContentHash(profile: RuntimeProfile): string {
  return createHash('sha256').update(JSON.stringify(canonicalProfile(profile))).digest('hex');
}
