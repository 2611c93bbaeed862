import { createHash } from 'node:crypto';

import type { RuntimeProfile } from '@tailor/contracts';

import { libraryRefs, NpmLockfile, resolveProfile } from './lockfile';

/** Platform sizes that memory and CPU requests are rounded up to, so that near-identical profiles share an image. */
const MEMORY_STEP_MB = 64;
const CPU_STEP_MILLIS = 50;

const roundUp = (value: number, step: number): number => Math.ceil(value / step) * step;

/** The part of a profile that decides what a runtime image contains and how it runs, in one canonical form. */
export function canonicalProfile(profile: RuntimeProfile) {
  return {
    language: profile.language,
    languageVersion: profile.languageVersion,
    libraries: [...new Set(libraryRefs(profile.libraries))],
    preload: [...new Set(profile.preload)].sort(),
    preloadedData: [...new Set(profile.preloadedData)].sort(),
    memoryMb: roundUp(profile.memoryMb, MEMORY_STEP_MB),
    cpuMillis: roundUp(profile.cpuMillis, CPU_STEP_MILLIS),
  };
}

export function profileContentHash(profile: RuntimeProfile): string {
  return createHash('sha256')
    .update(JSON.stringify(canonicalProfile(profile)))
    .digest('hex');
}

/** An exact semver version (no range, no tag): what a lockfile resolves every library to. */
export const isExactVersion = (version: string): boolean =>
  /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/.test(version);

/**
 * The content hash of the profile once its libraries are resolved to exact versions through `lockfile`, so that `lodash@^4`
 * and `lodash@4.17.21` hash the same when the registry resolves one to the other. A profile whose versions are already
 * exact hashes the same resolved or not.
 */
export function resolvedProfileHash(profile: RuntimeProfile, lockfile: NpmLockfile): string {
  return profileContentHash(resolveProfile(profile, lockfile));
}
