import { readFileSync } from 'node:fs';

import type { Library } from '@tailor/contracts';

const NODE_MODULES = '/node_modules/';
const NPM_NAME = /^(@[a-z0-9-~][a-z0-9-._~]*\/)?[a-z0-9-~][a-z0-9-._~]*$/;

/** Where a loaded file's package lives, or undefined for app code and builtins: `<dir>/node_modules/<name>`. */
export function packageOf(filename: string): { name: string; directory: string } | undefined {
  const path = filename.replace(/\\/g, '/');
  const at = path.lastIndexOf(NODE_MODULES);
  if (at < 0) return undefined;
  const rest = path.slice(at + NODE_MODULES.length).split('/');
  const name = rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1] ?? ''}` : rest[0];
  if (!name || name.endsWith('/') || !NPM_NAME.test(name)) return undefined;
  return { name, directory: `${path.slice(0, at)}${NODE_MODULES}${name}` };
}

/** The version in `<directory>/package.json`, or undefined when it cannot be read. */
export function packageVersion(directory: string): string | undefined {
  try {
    const manifest = JSON.parse(readFileSync(`${directory}/package.json`, 'utf8')) as { version?: unknown };
    return typeof manifest.version === 'string' && manifest.version.length <= 64 ? manifest.version : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The packages this process has actually loaded, seen through Node's module cache (what `require` resolved), with the
 * version of the copy that was resolved. Only package names and versions leave: never a file path.
 */
export class LoadedLibraries {
  private readonly versions = new Map<string, string | undefined>();
  private scannedKeys = -1;
  private snapshot: Library[] = [];

  constructor(private readonly moduleCache: () => Record<string, unknown> = () => require.cache) {}

  /** Cheap when nothing new was loaded since the last call: the cache is rescanned only when its size changed. */
  current(): Library[] {
    const cache = this.moduleCache();
    const keys = Object.keys(cache);
    if (keys.length === this.scannedKeys) return this.snapshot;
    this.scannedKeys = keys.length;
    const found = new Map<string, Library>();
    for (const filename of keys) {
      const pkg = packageOf(filename);
      if (!pkg) continue;
      if (!this.versions.has(pkg.directory)) this.versions.set(pkg.directory, packageVersion(pkg.directory));
      const version = this.versions.get(pkg.directory);
      if (version) found.set(`${pkg.name}@${version}`, { name: pkg.name, version });
    }
    this.snapshot = [...found.values()].sort(
      (a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version),
    );
    return this.snapshot;
  }
}
