import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const EXAMPLES_DIR = resolve(__dirname, '../../../examples');

export type ExampleFunctionName = 'template-renderer' | 'archive' | 'thumbnailer' | 'http-api';

/** One of the real functions under examples/: its handler bundle, a sample event and its npm dependencies. */
export interface ExampleFunction {
  name: ExampleFunctionName;
  /** handler.js, CommonJS, as POST /environments/:id/load takes it */
  source: string;
  event: Record<string, unknown>;
  /** the dependencies of its package.json (exact versions) */
  libraries: { name: string; version: string }[];
}

export function readExampleFunction(name: ExampleFunctionName): ExampleFunction {
  const dir = join(EXAMPLES_DIR, name);
  const readJson = (file: string) => JSON.parse(readFileSync(join(dir, file), 'utf8'));
  const { dependencies } = readJson('package.json') as { dependencies: Record<string, string> };
  return {
    name,
    source: readFileSync(join(dir, 'handler.js'), 'utf8'),
    event: readJson('event.json'),
    libraries: Object.entries(dependencies).map(([library, version]) => ({ name: library, version })),
  };
}
