import { RuntimeProfileSchema } from '@tailor/contracts';

import { defaultProfile } from './default-profile';
import { isExactVersion, profileContentHash, resolvedProfileHash } from './content-hash';
import { lockfilePackages, NpmLockfile, UnresolvedLibraryError } from './lockfile';

describe(profileContentHash.name, () => {
  const base = RuntimeProfileSchema.parse({
    ...defaultProfile('app', 'GET /users/:id', '20'),
    libraries: [
      { name: 'lodash', version: '4.17.21' },
      { name: 'dayjs', version: '1.11.13' },
    ],
    preload: ['lodash', 'dayjs'],
  });

  it('should give the same hash whatever the order of libraries and preloads', () => {
    const reordered = { ...base, libraries: [...base.libraries].reverse(), preload: [...base.preload].reverse() };
    expect(profileContentHash(reordered)).toBe(profileContentHash(base));
  });

  it('should ignore which endpoint asked, so that endpoints with the same needs share an image', () => {
    expect(profileContentHash({ ...base, endpointId: 'POST /orders' })).toBe(profileContentHash(base));
  });

  it('should round memory and cpu up to the platform sizes', () => {
    expect(profileContentHash({ ...base, memoryMb: 250 })).toBe(profileContentHash({ ...base, memoryMb: 256 }));
    expect(profileContentHash({ ...base, memoryMb: 257 })).not.toBe(profileContentHash(base));
  });

  it('should differ when a library version differs', () => {
    const bumped = { ...base, libraries: [{ name: 'lodash', version: '4.17.20' }, base.libraries[1]] };
    expect(profileContentHash(bumped)).not.toBe(profileContentHash(base));
  });

  it("should differ when a preloaded data file's contents differ, and stay as it was without digests", () => {
    const withData = { ...base, preloadedData: ['templates/page.hbs'] };
    const before = profileContentHash(withData, { 'templates/page.hbs': 'a'.repeat(64) });
    const after = profileContentHash(withData, { 'templates/page.hbs': 'b'.repeat(64) });

    expect(before).not.toBe(after);
    expect(before).not.toBe(profileContentHash(withData));
    expect(profileContentHash(withData, {})).toBe(profileContentHash(withData));
    // digests of files the profile does not preload change nothing
    expect(profileContentHash(base, { 'other.txt': 'c'.repeat(64) })).toBe(profileContentHash(base));
  });

  it('should be a sha256 hex digest', () => {
    expect(profileContentHash(base)).toMatch(/^[a-f0-9]{64}$/);
  });
});

describe(resolvedProfileHash.name, () => {
  const profile = RuntimeProfileSchema.parse({
    ...defaultProfile('app', 'GET /x', '20'),
    libraries: [
      { name: 'ms', version: '^2.1.0' },
      { name: '@scope/pkg', version: 'latest' },
    ],
  });
  const lockfile: NpmLockfile = {
    lockfileVersion: 3,
    packages: {
      '': { version: '0.0.0' },
      'node_modules/ms': { version: '2.1.3' },
      'node_modules/@scope/pkg': { version: '1.0.0' },
      'node_modules/@scope/pkg/node_modules/ms': { version: '1.0.0' },
    },
  };
  const pinned = {
    ...profile,
    libraries: [
      { name: 'ms', version: '2.1.3' },
      { name: '@scope/pkg', version: '1.0.0' },
    ],
  };

  it('should hash ranges and tags as the exact versions the lockfile resolved them to', () => {
    expect(resolvedProfileHash(profile, lockfile)).toBe(profileContentHash(pinned));
  });

  it('should hash an already exact profile the same resolved or not', () => {
    expect(resolvedProfileHash(pinned, lockfile)).toBe(profileContentHash(pinned));
  });

  it('should differ when the lockfile resolves a different version', () => {
    const newer = { ...lockfile, packages: { ...lockfile.packages, 'node_modules/ms': { version: '2.1.4' } } };
    expect(resolvedProfileHash(profile, newer)).not.toBe(resolvedProfileHash(profile, lockfile));
  });

  it('should refuse a library the lockfile does not resolve', () => {
    expect(() =>
      resolvedProfileHash({ ...profile, libraries: [{ name: 'nope', version: '1.0.0' }] }, lockfile),
    ).toThrow(UnresolvedLibraryError);
  });
});

describe(lockfilePackages.name, () => {
  it('should list every installed package, nested and scoped, as sorted name@version', () => {
    expect(
      lockfilePackages({
        lockfileVersion: 3,
        packages: {
          '': {},
          'node_modules/b': { version: '1.0.0' },
          'node_modules/@s/a/node_modules/b': { version: '2.0.0' },
        },
      }),
    ).toEqual(['b@1.0.0', 'b@2.0.0']);
  });
});

describe(isExactVersion.name, () => {
  it('should accept exact versions and refuse ranges and tags', () => {
    expect(['1.2.3', '1.0.0-beta.1'].every(isExactVersion)).toBe(true);
    expect(['^1.2.3', '1.x', 'latest', '>=1'].some(isExactVersion)).toBe(false);
  });
});
