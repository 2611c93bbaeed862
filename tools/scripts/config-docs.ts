// The configuration documentation, generated from the apps' env schemas (their variables' metadata).
//   npm run config:docs    writes the README's configuration table (between its markers) and .env.example
//   npm run config:check   fails when the committed files differ from what the schemas give
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

import type { z } from 'zod';

import { type AppSchema, collectVariables, renderEnvExample, renderTable, withTable } from './lib/env-docs';

/** Each app's env schema: the module under apps/<app>/src and its export. */
const APP_SCHEMAS = [
  { app: 'profiler-ingest', module: 'config/ingest-env.schema', name: 'IngestEnvSchema' },
  { app: 'predictor', module: 'config/predictor-env.schema', name: 'PredictorEnvSchema' },
  { app: 'runtime-factory', module: 'config/factory-env.schema', name: 'FactoryEnvSchema' },
  { app: 'provisioner', module: 'config/provisioner-env.schema', name: 'ProvisionerEnvSchema' },
] as const;

function repositoryRoot(from: string): string {
  return existsSync(join(from, 'nx.json')) ? from : repositoryRoot(dirname(from));
}

const ROOT = repositoryRoot(__dirname);
const README = join(ROOT, 'README.md');
const ENV_EXAMPLE = join(ROOT, '.env.example');

async function loadSchemas(): Promise<AppSchema[]> {
  return Promise.all(
    APP_SCHEMAS.map(async ({ app, module, name }) => {
      const exports = (await import(join(ROOT, 'apps', app, 'src', module))) as Record<string, z.ZodObject>;
      return { app, schema: exports[name] };
    }),
  );
}

/** The generated files: path → content. */
async function generate(): Promise<Map<string, string>> {
  const apps = await loadSchemas();
  const names = apps.map((entry) => entry.app);
  const variables = collectVariables(apps);
  const readme = await readFile(README, 'utf8');
  return new Map([
    [README, withTable(readme, renderTable(variables, names))],
    [ENV_EXAMPLE, renderEnvExample(variables, names)],
  ]);
}

async function main(): Promise<number> {
  const files = await generate();
  if (process.argv.includes('--check')) {
    const stale: string[] = [];
    for (const [path, content] of files) {
      const committed = await readFile(path, 'utf8').catch(() => '');
      if (committed !== content) stale.push(path.slice(ROOT.length + 1));
    }
    if (stale.length === 0) {
      console.log('The configuration table and .env.example are up to date.');
      return 0;
    }
    console.error(
      `Stale configuration documentation; run \`npm run config:docs\` and commit:\n  ${stale.join('\n  ')}`,
    );
    return 1;
  }
  for (const [path, content] of files) await writeFile(path, content);
  console.log('Wrote the configuration table of README.md and .env.example.');
  return 0;
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
