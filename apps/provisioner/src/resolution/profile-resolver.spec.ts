import type { PredictProfileReply } from '@tailor/contracts';
import { defaultProfile, profileContentHash } from '@tailor/profiles';
import type { PinoLogger } from 'nestjs-pino';

import { predictionConfig } from '../config/provisioner-config.groups';
import type { ProvisionerEnv } from '../config/provisioner-env.schema';
import type { PeerAppsGateway } from '../rpc-clients/peer-apps.gateway';
import type { ProfileRepository } from './profile.repository';
import { ProfileResolver } from './profile-resolver';

const FRESH_MS = 10_000;
const STALE_MS = 300_000;

function replyOf(version: number): PredictProfileReply {
  const profile = { ...defaultProfile('app', 'GET /', '20'), memoryMb: 128 + version };
  return {
    profileId: '5f0c7c1e-8d4b-4f36-9d0a-2b1f0c6e9a11',
    version,
    contentHash: profileContentHash(profile),
    source: 'model',
    modelVersion: 'm1',
    profile,
  };
}

describe(ProfileResolver.name, () => {
  let now: number;
  let predictProfile: jest.Mock<Promise<PredictProfileReply>, []>;
  let warn: jest.Mock;
  let lastKnown: jest.Mock;
  let resolver: ProfileResolver;

  beforeEach(() => {
    now = 1_000;
    jest.spyOn(performance, 'now').mockImplementation(() => now);
    predictProfile = jest.fn<Promise<PredictProfileReply>, []>().mockResolvedValue(replyOf(1));
    warn = jest.fn();
    lastKnown = jest.fn(async () => null);
    const settings: Partial<ProvisionerEnv> = {
      PREDICT_TIMEOUT_MS: 200,
      PREDICTION_CACHE_MS: FRESH_MS,
      PREDICTION_STALE_MS: STALE_MS,
      RUNTIME_NODE_VERSION: '20',
    };
    resolver = new ProfileResolver(
      { predictProfile } as unknown as PeerAppsGateway,
      { lastKnown } as unknown as ProfileRepository,
      { warn } as unknown as PinoLogger,
      predictionConfig.select(settings as ProvisionerEnv),
    );
  });

  afterEach(() => jest.restoreAllMocks());

  describe('resolve', () => {
    it('should reuse a fresh answer without asking the predictor', async () => {
      await resolver.resolve('app', 'GET /', 'c1');
      now += FRESH_MS - 1;
      const second = await resolver.resolve('app', 'GET /', 'c2');

      expect(second).toMatchObject({ source: 'cached', version: 1 });
      expect(predictProfile).toHaveBeenCalledTimes(1);
    });

    it('should serve a stale answer at once and ask the predictor once in the background', async () => {
      await resolver.resolve('app', 'GET /', 'c1');
      now += FRESH_MS;
      let answer!: (reply: PredictProfileReply) => void;
      predictProfile.mockReturnValueOnce(new Promise((resolve) => (answer = resolve)));

      const during = await Promise.all([1, 2, 3].map((i) => resolver.resolve('app', 'GET /', `c${i}`)));
      expect(during.map((resolved) => [resolved.source, resolved.version])).toEqual([['cached', 1], ['cached', 1], ['cached', 1]]);
      expect(predictProfile).toHaveBeenCalledTimes(2);

      answer(replyOf(2));
      await new Promise(setImmediate);
      const after = await resolver.resolve('app', 'GET /', 'c4');
      expect(after).toMatchObject({ source: 'cached', version: 2 });
      expect(predictProfile).toHaveBeenCalledTimes(2);
    });

    it('should keep serving the stale answer when the background question fails', async () => {
      await resolver.resolve('app', 'GET /', 'c1');
      now += FRESH_MS;
      predictProfile.mockRejectedValueOnce(new Error('predictor did not answer within 200 ms'));

      const during = await resolver.resolve('app', 'GET /', 'c2');
      await new Promise(setImmediate);
      const after = await resolver.resolve('app', 'GET /', 'c3');

      expect([during.version, after.version]).toEqual([1, 1]);
      expect(after.source).toBe('cached');
    });

    it('should wait for the predictor when the answer it has is older than PREDICTION_STALE_MS', async () => {
      await resolver.resolve('app', 'GET /', 'c1');
      now += STALE_MS;
      predictProfile.mockResolvedValueOnce(replyOf(3));

      const resolved = await resolver.resolve('app', 'GET /', 'c2');

      expect(resolved).toMatchObject({ source: 'predicted', version: 3 });
    });

    it('should serve the last known answer when the predictor fails and the answer is too old to serve at once', async () => {
      await resolver.resolve('app', 'GET /', 'c1');
      now += STALE_MS;
      predictProfile.mockRejectedValueOnce(new Error('predictor did not answer within 200 ms'));

      const resolved = await resolver.resolve('app', 'GET /', 'c2');

      expect(resolved).toMatchObject({ source: 'last_known', version: 1 });
      expect(warn).toHaveBeenCalledWith(expect.objectContaining({ reason: 'predictor did not answer within 200 ms' }), expect.any(String));
    });

    it('should ask the predictor once for the provisions of an endpoint that arrive while it answers', async () => {
      let answer!: (reply: PredictProfileReply) => void;
      predictProfile.mockReturnValueOnce(new Promise((resolve) => (answer = resolve)));

      const waiting = Promise.all([1, 2, 3].map((i) => resolver.resolve('app', 'GET /', `c${i}`)));
      answer(replyOf(4));
      const resolved = await waiting;

      expect(resolved.map(({ source, version }) => [source, version])).toEqual([['predicted', 4], ['predicted', 4], ['predicted', 4]]);
      expect(predictProfile).toHaveBeenCalledTimes(1);
    });

    it('should serve the newest stored profile when the predictor fails and this process knows none', async () => {
      const stored = replyOf(7);
      lastKnown.mockResolvedValueOnce({ id: stored.profileId, version: 7, contentHash: stored.contentHash, isDefault: false, profile: stored.profile });
      predictProfile.mockRejectedValueOnce(new Error('predictor did not answer within 200 ms'));

      const resolved = await resolver.resolve('app', 'GET /', 'c1');

      expect(resolved).toEqual({
        source: 'last_known',
        profileId: stored.profileId,
        version: 7,
        isDefault: false,
        contentHash: stored.contentHash,
        profile: stored.profile,
      });
      expect(lastKnown).toHaveBeenCalledWith('app', 'GET /');
    });

    it('should ask the predictor again at the next provision after serving a stored profile', async () => {
      const stored = replyOf(7);
      lastKnown.mockResolvedValueOnce({ id: stored.profileId, version: 7, contentHash: stored.contentHash, isDefault: false, profile: stored.profile });
      predictProfile.mockRejectedValueOnce(new Error('predictor did not answer within 200 ms'));
      await resolver.resolve('app', 'GET /', 'c1');

      const next = await resolver.resolve('app', 'GET /', 'c2');

      expect(next).toMatchObject({ source: 'predicted', version: 1 });
      expect(predictProfile).toHaveBeenCalledTimes(2);
    });

    it('should serve the default profile of the endpoint when the predictor fails and no profile is known', async () => {
      predictProfile.mockRejectedValueOnce(new Error('predictor did not answer within 200 ms'));

      const resolved = await resolver.resolve('app', 'GET /', 'c1');

      const profile = defaultProfile('app', 'GET /', '20');
      expect(resolved).toEqual({ source: 'default', profileId: null, version: 0, isDefault: true, contentHash: profileContentHash(profile), profile });
    });

    it('should not keep the default profile: the next provision asks the predictor again', async () => {
      predictProfile.mockRejectedValueOnce(new Error('predictor did not answer within 200 ms'));
      await resolver.resolve('app', 'GET /', 'c1');

      const next = await resolver.resolve('app', 'GET /', 'c2');

      expect(next.source).toBe('predicted');
    });
  });
});
