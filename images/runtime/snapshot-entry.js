'use strict';
// Runs under `node --build-snapshot` when a specialized image is built (build-snapshot.js): loads the image's preload
// libraries into the heap that becomes the startup snapshot, so that a runtime started from it has them in memory without
// reading or compiling a file. A snapshot builder may not use Node's CommonJS loader for user code, so this file
// evaluates CommonJS modules itself (resolution stays Node's) and leaves them in globalThis.__tailorSnapshot; the runtime
// (preload.js) puts them into the module cache at start.
//
// Builtins that hold native handles cannot be in a snapshot: a module gets a stand-in that loads the real one on first
// use after start; a module that uses one while it is being loaded fails here and is loaded from disk at start instead.
const Module = require('node:module');
const fs = require('node:fs');
const path = require('node:path');

const home = process.env.TAILOR_HOME || '/opt/tailor';
const appDir = path.join(home, 'app');
const DEFERRED_BUILTINS = new Set([
  'child_process',
  'cluster',
  'dgram',
  'dns',
  'http',
  'http2',
  'https',
  'inspector',
  'net',
  'readline',
  'repl',
  'tls',
  'tty',
  'worker_threads',
]);

const snapshot = { modules: [], failed: [] };
const byFilename = new Map();
const loading = [];

/** A builtin that may only be touched once the snapshot has been restored (the runtime sets __tailorRequire). */
function deferredBuiltin(name) {
  let real;
  const get = () => {
    if (!real) {
      const runtimeRequire = globalThis.__tailorRequire;
      if (!runtimeRequire) throw new Error(`builtin ${name} used while building the snapshot (by ${loading.at(-1)})`);
      real = runtimeRequire(name);
    }
    return real;
  };
  return new Proxy(
    {},
    {
      get: (_, key) => get()[key],
      has: (_, key) => key in get(),
      ownKeys: () => Reflect.ownKeys(get()),
      getOwnPropertyDescriptor: (_, key) => {
        const descriptor = Object.getOwnPropertyDescriptor(get(), key);
        return descriptor && { ...descriptor, configurable: true };
      },
    },
  );
}

function load(request, parent) {
  // once the runtime has restored the snapshot, a module's late require() goes through Node's loader and cache
  const runtimeRequire = globalThis.__tailorRequire;
  if (runtimeRequire) return Module.isBuiltin(request) ? runtimeRequire(request) : Module._load(request, parent, false);
  if (Module.isBuiltin(request)) {
    const name = request.startsWith('node:') ? request.slice(5) : request;
    return DEFERRED_BUILTINS.has(name) ? deferredBuiltin(name) : require(request);
  }
  const filename = Module._resolveFilename(request, parent, false);
  const known = byFilename.get(filename);
  if (known) return known.exports;
  if (!/\.(c?js|json)$/.test(filename)) throw new Error(`${filename} cannot be part of a snapshot`);
  const dirname = path.dirname(filename);
  const record = {
    id: filename,
    filename,
    path: dirname,
    exports: {},
    loaded: false,
    paths: Module._nodeModulePaths(dirname),
    children: [],
    parent: undefined,
  };
  byFilename.set(filename, record);
  loading.push(filename);
  try {
    if (filename.endsWith('.json')) {
      record.exports = JSON.parse(fs.readFileSync(filename, 'utf8'));
    } else {
      let source = fs.readFileSync(filename, 'utf8');
      if (source.startsWith('#!')) source = `//${source}`;
      const wrapper = (0, eval)(
        `(function (exports, require, module, __filename, __dirname) {${source}\n})\n//# sourceURL=${filename}`,
      );
      const moduleRequire = (specifier) => load(specifier, record);
      moduleRequire.resolve = (specifier) =>
        Module.isBuiltin(specifier) ? specifier : Module._resolveFilename(specifier, record, false);
      Object.defineProperty(moduleRequire, 'cache', { get: () => Module._cache, enumerable: true });
      record.require = moduleRequire;
      wrapper.call(record.exports, record.exports, moduleRequire, record, filename, dirname);
    }
    record.loaded = true;
    snapshot.modules.push(record);
    return record.exports;
  } catch (error) {
    byFilename.delete(filename);
    throw error;
  } finally {
    loading.pop();
  }
}

function readJson(file, fallback) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return fallback;
  }
}

const manifest = readJson(path.join(home, 'preload.json'), { preload: [] });
const root = { id: '.', filename: path.join(appDir, 'package.json'), paths: Module._nodeModulePaths(appDir) };
const entries = [...manifest.preload, ...(process.env.TAILOR_SNAPSHOT_EXTRA || '').split(',').filter(Boolean)];
for (const name of entries) {
  try {
    load(name, root);
  } catch (error) {
    snapshot.failed.push({ name, error: String(error && error.message) });
  }
}
// Second pass for libraries that failed: every file they load (in the order a normal load completes them, dependencies
// first), so that the parts that do not touch a deferred builtin are in the snapshot all the same.
const order = process.env.TAILOR_SNAPSHOT_ORDER ? readJson(process.env.TAILOR_SNAPSHOT_ORDER, []) : [];
if (snapshot.failed.length > 0) {
  for (const filename of order) {
    if (byFilename.has(filename)) continue;
    try {
      load(filename, root);
    } catch {
      // loaded from disk at start, on top of what the snapshot has
    }
  }
}
globalThis.__tailorSnapshot = snapshot;
