import { defaultProfile } from '@tailor/profiles';

import type { ResolvedProfile } from '../resolution/profile-resolver';
import { type PresentableEnvironment, presentEnvironment } from './environment.presenter';

const PROFILE_ID = '0b9c3f4e-7a51-4c2d-8e6f-1a2b3c4d5e6f';
const profile = defaultProfile('shop', 'GET /cart', '20');
const storedTimings = {
  predictMs: 1,
  resolveImageMs: 2,
  claimMs: 0.5,
  createContainerMs: 20,
  startContainerMs: 30,
  readyMs: 40,
  totalMs: 94,
};

const running: PresentableEnvironment = {
  id: '5f0c7c1e-8d4b-4f36-9d0a-2b1f0c6e9a11',
  applicationId: 'shop',
  endpointId: 'GET /cart',
  state: 'running',
  path: 'cold_fallback',
  imageRef: 'tailor/runtime:base',
  imageHash: 'base-hash',
  imageMatch: 'base',
  containerId: 'c0ffee',
  host: '127.0.0.1',
  port: 40001,
  memoryBytes: 134_217_728n,
  nanoCpus: 250_000_000n,
  timings: storedTimings,
  profileSource: 'last_known',
  buildEnqueued: true,
  correlationId: 'corr-1',
  createdAt: new Date('2026-12-04T10:00:00.000Z'),
  removedAt: null,
  profile: { id: PROFILE_ID, version: 2, isDefault: false, profile },
};

const resolved: ResolvedProfile = {
  source: 'cached',
  profileId: PROFILE_ID,
  version: 5,
  isDefault: true,
  contentHash: 'a'.repeat(64),
  profile: { ...profile, memoryMb: 512 },
};

describe(presentEnvironment.name, () => {
  it('should present a stored environment with its profile row, container, endpoint and resolution', () => {
    expect(presentEnvironment(running)).toEqual({
      id: running.id,
      applicationId: 'shop',
      endpointId: 'GET /cart',
      state: 'running',
      path: 'cold_fallback',
      image: { ref: 'tailor/runtime:base', hash: 'base-hash', match: 'base' },
      profile: { id: PROFILE_ID, version: 2, source: 'model', value: profile },
      container: { id: 'c0ffee', memoryBytes: 134_217_728, nanoCpus: 250_000_000 },
      endpoint: { host: '127.0.0.1', port: 40001, url: 'http://127.0.0.1:40001' },
      timings: storedTimings,
      resolution: { profileSource: 'last_known', imageMatch: 'base', buildEnqueued: true, warm: false },
      correlationId: 'corr-1',
      createdAt: '2026-12-04T10:00:00.000Z',
      removedAt: null,
    });
  });

  it('should prefer the stored profile row to the resolved one', () => {
    expect(presentEnvironment(running, { resolved }).profile).toMatchObject({ version: 2, source: 'model' });
  });

  it('should serve the resolved profile when no profile row is loaded (a claim, or the provisioner’s own default)', () => {
    const claimed = { ...running, profile: undefined };

    expect(presentEnvironment(claimed, { resolved }).profile).toEqual({
      id: PROFILE_ID,
      version: 5,
      source: 'default',
      value: resolved.profile,
    });
    expect(presentEnvironment(claimed).profile).toBeNull();
  });

  it('should answer the timings the provision measured instead of the stored ones', () => {
    const measured = { ...storedTimings, claimMs: 2, totalMs: 2.6 };

    expect(presentEnvironment(running, { resolved, timings: measured }).timings).toEqual(measured);
  });

  it('should call a warm hit warm, and take counters returned as numbers', () => {
    const warm = presentEnvironment({
      ...running,
      path: 'warm_hit',
      imageMatch: 'exact',
      memoryBytes: 268_435_456,
      nanoCpus: 500_000_000,
    });

    expect(warm.resolution).toMatchObject({ imageMatch: 'exact', warm: true });
    expect(warm.container).toEqual({ id: 'c0ffee', memoryBytes: 268_435_456, nanoCpus: 500_000_000 });
  });

  it('should present a failed environment without container, endpoint, timings or resolution', () => {
    const failed = presentEnvironment({
      ...running,
      state: 'failed',
      path: null,
      imageRef: null,
      imageHash: null,
      imageMatch: null,
      containerId: null,
      host: null,
      port: null,
      timings: null,
      profileSource: null,
      buildEnqueued: null,
      profile: null,
    });

    expect(failed).toMatchObject({
      state: 'failed',
      image: { ref: '', hash: '', match: null },
      profile: null,
      container: null,
      endpoint: null,
      timings: null,
      resolution: null,
    });
  });

  it('should say when a removed environment was removed', () => {
    expect(
      presentEnvironment({ ...running, state: 'removed', removedAt: new Date('2026-12-04T11:00:00.000Z') }).removedAt,
    ).toBe('2026-12-04T11:00:00.000Z');
  });
});
