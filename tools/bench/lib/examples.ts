import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

import { RuntimeProfile, RuntimeProfileSchema } from '@tailor/contracts';
import { defaultProfile } from '@tailor/profiles';

export const EXAMPLES_DIR = resolve(__dirname, '../../../examples');
export const EXAMPLE_NAMES = ['template-renderer', 'archive', 'thumbnailer', 'http-api'] as const;
export type ExampleName = (typeof EXAMPLE_NAMES)[number];

interface ExamplePackageJson {
  name: string;
  dependencies: Record<string, string>;
  tailor?: { preloadedData?: string[] };
}

export interface Example {
  name: ExampleName;
  dir: string;
  /** the handler's source (CommonJS), as a function bundle carries it */
  source: string;
  packageJson: ExamplePackageJson;
  event: unknown;
  /** the profile a predictor would give it: its libraries, all preloaded, and its data files */
  profile: RuntimeProfile;
  /** files of data/ (relative path → base64), shipped with the bundle to a generic runtime */
  dataFiles: Record<string, string>;
}

/** Every file under `dir` as relative path → base64. */
export function filesOf(dir: string, prefix = ''): Record<string, string> {
  const files: Record<string, string> = {};
  if (!existsSync(dir)) return files;
  const walk = (current: string) => {
    for (const entry of readdirSync(current)) {
      const path = join(current, entry);
      if (statSync(path).isDirectory()) walk(path);
      else files[join(prefix, relative(dir, path))] = readFileSync(path).toString('base64');
    }
  };
  walk(dir);
  return files;
}

export function loadExample(name: ExampleName): Example {
  const dir = join(EXAMPLES_DIR, name);
  const packageJson = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as ExamplePackageJson;
  const libraries = Object.entries(packageJson.dependencies).map(([library, version]) => ({ name: library, version }));
  const profile = RuntimeProfileSchema.parse({
    ...defaultProfile(`example-${name}`, 'POST /invoke', process.versions.node.split('.')[0]),
    libraries,
    preload: libraries.map((library) => library.name),
    preloadedData: packageJson.tailor?.preloadedData ?? [],
    memoryMb: 1024,
    cpuMillis: 2000,
  });
  return {
    name,
    dir,
    source: readFileSync(join(dir, 'handler.js'), 'utf8'),
    packageJson,
    event: JSON.parse(readFileSync(join(dir, 'event.json'), 'utf8')),
    profile,
    dataFiles: filesOf(join(dir, 'data'), 'data'),
  };
}
