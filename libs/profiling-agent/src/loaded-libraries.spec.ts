import { LoadedLibraries, packageOf } from './loaded-libraries';

describe(LoadedLibraries.name, () => {
  describe('packageOf', () => {
    it('should find the package of a file, scoped or not, nested or not, and nothing for app code', () => {
      expect(packageOf('/home/alice/app/node_modules/express/lib/router.js')).toEqual({
        name: 'express',
        directory: '/home/alice/app/node_modules/express',
      });
      expect(packageOf('/srv/node_modules/a/node_modules/@nestjs/core/index.js')?.name).toBe('@nestjs/core');
      expect(packageOf('C:\\app\\node_modules\\ms\\index.js')?.name).toBe('ms');
      expect(packageOf('/home/alice/app/src/main.js')).toBeUndefined();
    });
  });

  describe('current', () => {
    it('should list the loaded packages with the versions that were resolved, and no paths', () => {
      const expressFile = require.resolve('express');
      const cache: Record<string, unknown> = { [expressFile]: {}, [require.resolve('ms')]: {}, '/app/src/main.js': {} };
      const libraries = new LoadedLibraries(() => cache).current();

      expect(libraries).toEqual([
        { name: 'express', version: (require('express/package.json') as { version: string }).version },
        { name: 'ms', version: (require('ms/package.json') as { version: string }).version },
      ]);
      expect(JSON.stringify(libraries)).not.toContain('/');
    });

    it('should rescan only when something new was loaded', () => {
      const cache: Record<string, unknown> = { [require.resolve('ms')]: {} };
      const tracker = new LoadedLibraries(() => cache);
      const first = tracker.current();

      expect(tracker.current()).toBe(first);
      cache[require.resolve('express')] = {};
      expect(tracker.current().map((library) => library.name)).toEqual(['express', 'ms']);
    });
  });
});
