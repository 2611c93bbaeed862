import { HANDLER_PHASE, ModulePhases, PRELOAD_PHASE } from './module-phases';

const APP_FILE = '/srv/app/handler.js';
const versionOf = (name: string) => (require(`${name}/package.json`) as { version: string }).version;

/** Node's loader internals as ModulePhases uses them, resolving to this repository's real packages. */
function fakeLoader() {
  const cache: Record<string, unknown> = {};
  return {
    _cache: cache,
    _resolveFilename: (request: string) => require.resolve(request),
    _load(request: string, _parent?: { filename?: string | null }, _isMain?: boolean) {
      const filename = require.resolve(request);
      cache[filename] = {};
      return cache[filename];
    },
  };
}

describe(ModulePhases.name, () => {
  describe('report', () => {
    it('should call a package the handler required but nobody preloaded a miss, and a preload it never used unused', () => {
      const loader = fakeLoader();
      const phases = new ModulePhases('startup', loader);
      phases.install();
      const app = { filename: APP_FILE };

      phases.enter(PRELOAD_PHASE);
      loader._load('ms', app, false);
      loader._load('pino', app, false);
      phases.enter(HANDLER_PHASE);
      loader._load('ms', app, false);
      loader._load('zod', app, false);
      // required by a package, not by the handler: not a direct use
      loader._load('express', { filename: require.resolve('pino') }, false);

      expect(phases.report()).toMatchObject({
        preloaded: ['ms', 'pino'],
        misses: ['zod'],
        unusedPreloads: ['pino'],
      });
      expect(phases.report().loaded).toEqual([
        { name: 'ms', version: versionOf('ms'), phase: PRELOAD_PHASE },
        { name: 'pino', version: versionOf('pino'), phase: PRELOAD_PHASE },
        { name: 'zod', version: versionOf('zod'), phase: HANDLER_PHASE },
        { name: 'express', version: versionOf('express'), phase: HANDLER_PHASE },
      ]);
    });
  });

  describe('install', () => {
    it('should give the loader back its own load function when uninstalled', () => {
      const loader = fakeLoader();
      const original = loader._load;
      const uninstall = new ModulePhases('startup', loader).install();

      expect(loader._load).not.toBe(original);
      uninstall();
      expect(loader._load).toBe(original);
    });
  });

  describe('noteModuleCache', () => {
    it('should count packages already in the module cache as loaded in the current phase, not as direct uses', () => {
      const loader = fakeLoader();
      loader._cache[require.resolve('ms')] = {};
      const phases = new ModulePhases('startup', loader);
      phases.enter(PRELOAD_PHASE);
      phases.noteModuleCache();

      expect(phases.report()).toMatchObject({
        loaded: [{ name: 'ms', version: versionOf('ms'), phase: PRELOAD_PHASE }],
        preloaded: [],
      });
    });
  });
});
