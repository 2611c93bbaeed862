import { createHash } from 'node:crypto';

import type { RuntimeProfile } from '@tailor/contracts';

import { libraryRefs, NpmLockfile, resolveProfile } from './lockfile';

/** Platform sizes that memory and CPU requests are rounded up to, so that near-identical profiles share an image. */
const MEMORY_STEP_MB = 64;
const CPU_STEP_MILLIS = 50;

const roundUp = (value: number, step: number): number => Math.ceil(value / step) * step;

/** The part of a profile that decides what a runtime image contains and how it runs, in one canonical form. */
/** The contents of a profile's preloaded data files: path (as in `preloadedData`) → digest of the file's bytes. */
export type DataDigests = Record<string, string>;

/**
 * What identifies the runtime a profile needs. `dataDigests`, when the profile preloads data, makes the files' contents
 * part of it: the paths alone name different bytes for different applications, or after a file changed.
 */
export function canonicalProfile(profile: RuntimeProfile, dataDigests: DataDigests = {}) {
  const preloadedData = [...new Set(profile.preloadedData)].sort();
  const data = preloadedData.filter((file) => dataDigests[file] !== undefined).map((file) => [file, dataDigests[file]]);
  return {
    language: profile.language,
    languageVersion: profile.languageVersion,
    libraries: [...new Set(libraryRefs(profile.libraries))],
    preload: [...new Set(profile.preload)].sort(),
    preloadedData,
    ...(data.length > 0 ? { data } : {}),
    memoryMb: roundUp(profile.memoryMb, MEMORY_STEP_MB),
    cpuMillis: roundUp(profile.cpuMillis, CPU_STEP_MILLIS),
  };
}

export function profileContentHash(profile: RuntimeProfile, dataDigests: DataDigests = {}): string {
  return createHash('sha256')
    .update(JSON.stringify(canonicalProfile(profile, dataDigests)))
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
