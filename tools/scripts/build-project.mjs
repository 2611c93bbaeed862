// Compiles one Nx project's TypeScript to CommonJS under dist/, keeping the repository's layout (apps/x/src/main.ts ->
// dist/apps/x/src/main.js), so that paths a module resolves from its own directory stay valid. swc keeps the decorator
// metadata Nest's injection reads, and rewrites the @tailor/* aliases of tsconfig.base.json to relative paths.
//   node tools/scripts/build-project.mjs <project root> [<file or folder> ...]   (run from the workspace root, as Nx does)
// Without files it compiles <project root>/src; spec files and test/ folders are left out, and dist/<project root> is
// emptied first, so that no file of a removed source stays behind. Nx builds a project's libs first
// (dependsOn ^build); a relative require that finds no compiled file (a lib without a build target) fails the build.
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

import { swcDir } from '@swc/cli';

const [projectRoot, ...inputs] = process.argv.slice(2);
if (!projectRoot) throw new Error('usage: build-project.mjs <project root> [<file or folder> ...]');

const workspaceRoot = process.cwd();
const sources = inputs.length > 0 ? inputs : [join(projectRoot, 'src')];
const { compilerOptions } = JSON.parse(readFileSync(join(workspaceRoot, 'tsconfig.base.json'), 'utf8'));

rmSync(join('dist', projectRoot), { recursive: true, force: true });
await swcDir({
  cliOptions: {
    filenames: sources,
    outDir: 'dist',
    extensions: ['.ts'],
    ignore: ['**/*.spec.ts', '**/*.integration-spec.ts', '**/*.e2e-spec.ts', '**/*.d.ts', '**/test/**'],
    stripLeadingPaths: false,
    copyFiles: false,
    includeDotfiles: false,
    deleteDirOnStart: false,
    quiet: true,
    sync: false,
    watch: false,
    only: [],
  },
  swcOptions: {
    swcrc: false,
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
      baseUrl: resolve(workspaceRoot, compilerOptions.baseUrl),
      paths: compilerOptions.paths,
    },
    module: { type: 'commonjs' },
    sourceMaps: true,
  },
  callbacks: {
    onFail: ({ reasons }) => {
      for (const [file, reason] of reasons) console.error(`${file}: ${reason}`);
      process.exitCode = 1;
    },
  },
});

const compiledFiles = (path) =>
  statSync(path).isDirectory()
    ? readdirSync(path).flatMap((entry) => compiledFiles(join(path, entry)))
    : path.endsWith('.js')
      ? [path]
      : [];
const resolves = (target) => ['.js', '/index.js', ''].some((suffix) => existsSync(target + suffix));

const outputs = sources
  .map((source) => join('dist', source.replace(/\.ts$/, '.js')))
  .filter((output) => existsSync(output));
const missing = new Set();
for (const file of outputs.flatMap(compiledFiles)) {
  for (const [, specifier] of readFileSync(file, 'utf8').matchAll(/require\("(\.{1,2}\/[^"]*)"\)/g)) {
    const target = resolve(dirname(file), specifier);
    if (!resolves(target)) missing.add(`${file} requires ${target.slice(workspaceRoot.length + 1)}`);
  }
}
if (missing.size > 0) {
  console.error(
    `${projectRoot}: compiled requires that find nothing (does the project they point into have a build target?)`,
  );
  for (const line of [...missing].slice(0, 10)) console.error(`  ${line}`);
  process.exitCode = 1;
}
