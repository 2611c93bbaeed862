import { RuntimeProfileSchema } from '@tailor/contracts';

import { defaultProfile } from './default-profile';
import { profileContentHash } from './content-hash';

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

  it('should be a sha256 hex digest', () => {
    expect(profileContentHash(base)).toMatch(/^[a-f0-9]{64}$/);
  });
});
