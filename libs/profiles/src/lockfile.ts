import type { Library, RuntimeProfile } from '@tailor/contracts';

/** The part of an npm package-lock.json (lockfileVersion 2 or 3) that says which version of each package was chosen. */
export interface NpmLockfile {
  lockfileVersion: number;
  packages: Record<string, { version?: string; dev?: boolean; optional?: boolean }>;
}

export class UnresolvedLibraryError extends Error {
  constructor(readonly library: string) {
    super(`the lockfile does not resolve ${library}`);
    this.name = UnresolvedLibraryError.name;
  }
}

/** The exact version the lockfile chose for each top-level library of the profile, in the profile's order. */
export function resolvedLibraries(libraries: readonly Library[], lockfile: NpmLockfile): Library[] {
  return libraries.map(({ name }) => {
    const version = lockfile.packages[`node_modules/${name}`]?.version;
    if (!version) throw new UnresolvedLibraryError(name);
    return { name, version };
  });
}

/** The profile with every library pinned to the exact version its lockfile resolved (ranges and tags become versions). */
export function resolveProfile(profile: RuntimeProfile, lockfile: NpmLockfile): RuntimeProfile {
  return { ...profile, libraries: resolvedLibraries(profile.libraries, lockfile) };
}

/** Every package the lockfile installs (top-level and transitive) as sorted `name@version`, the content of the deps layer. */
export function lockfilePackages(lockfile: NpmLockfile): string[] {
  return Object.entries(lockfile.packages)
    .filter(([path, entry]) => path !== '' && entry.version)
    .map(
      ([path, entry]) => `${path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length)}@${entry.version}`,
    )
    .sort();
}

/** The package.json a build installs from: the profile's libraries as dependencies, sorted by name. */
export function profilePackageJson(profile: RuntimeProfile): {
  name: string;
  private: true;
  dependencies: Record<string, string>;
} {
  const dependencies = Object.fromEntries(
    [...profile.libraries].sort((a, b) => a.name.localeCompare(b.name)).map(({ name, version }) => [name, version]),
  );
  return { name: 'tailor-runtime-dependencies', private: true, dependencies };
}

/** `name@version` strings of a profile's libraries, sorted: the form stored in labels and the cache table. */
export function libraryRefs(libraries: readonly Library[]): string[] {
  return libraries.map(({ name, version }) => `${name}@${version}`).sort();
}
