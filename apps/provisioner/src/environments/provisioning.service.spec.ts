import type { ResolveImageReply } from '@tailor/contracts';
import { defaultProfile } from '@tailor/profiles';

import type { LaunchedRuntime } from '../engines/runtime-launcher';
import type { ClaimedEnvironment } from '../pools/pool-container.repository';
import type { ResolvedProfile } from '../resolution/profile-resolver';
import { ProvisionCommand } from './provision.command';
import { coldPathOf, ProvisioningService } from './provisioning.service';

type Collaborators = ConstructorParameters<typeof ProvisioningService>;

const ENVIRONMENT_ID = '5f0c7c1e-8d4b-4f36-9d0a-2b1f0c6e9a11';
const PROFILE_ID = '0b9c3f4e-7a51-4c2d-8e6f-1a2b3c4d5e6f';
const CREATED_AT = new Date('2026-12-04T10:00:00.000Z');

const resolved: ResolvedProfile = {
  source: 'predicted',
  profileId: PROFILE_ID,
  version: 3,
  isDefault: false,
  contentHash: 'a'.repeat(64),
  profile: defaultProfile('shop', 'GET /cart', '20'),
};

const imageOf = (match: ResolveImageReply['match']): ResolveImageReply & { cached: boolean } => ({
  imageRef: `tailor/runtime:${match}`,
  imageHash: `${match}-hash`,
  match,
  buildEnqueued: match !== 'exact',
  cached: false,
});

const runtime: LaunchedRuntime = {
  containerId: 'c0ffee',
  dockerHost: '/var/run/docker.sock',
  host: '127.0.0.1',
  port: 40001,
  memoryBytes: 128 * 1024 * 1024,
  nanoCpus: 250_000_000,
  placeMs: 1,
  createContainerMs: 20,
  startContainerMs: 30,
  readyMs: 40,
};

const claimed: ClaimedEnvironment = {
  id: ENVIRONMENT_ID,
  applicationId: 'shop',
  endpointId: 'GET /cart',
  state: 'running',
  path: 'warm_hit',
  containerId: 'pooled',
  dockerHost: '/var/run/docker.sock',
  host: '127.0.0.1',
  port: 40002,
  memoryBytes: 128 * 1024 * 1024,
  nanoCpus: 250_000_000,
  imageRef: 'tailor/runtime:exact',
  imageHash: 'exact-hash',
  imageMatch: 'exact',
  profileSource: 'predicted',
  buildEnqueued: false,
  timings: { predictMs: 0.1, resolveImageMs: 0.1, createContainerMs: 0, startContainerMs: 0, readyMs: 0, totalMs: 0.2 },
  correlationId: 'corr-1',
  createdAt: CREATED_AT,
  removedAt: null,
};

/** A ProvisioningService on faked collaborators: the endpoint resolves to `resolved` and an image of `match`. */
function newProvisioningService({
  match = 'exact',
  warm = null,
}: { match?: ResolveImageReply['match']; warm?: ClaimedEnvironment | null } = {}) {
  const steps: string[] = [];
  const profiles = { resolve: jest.fn(async () => resolved) };
  const images = { resolve: jest.fn(async () => imageOf(match)) };
  const warmPools = { claim: jest.fn(async () => warm), noteColdStart: jest.fn(async () => undefined) };
  const poolContainers = { deleteClaimedBy: jest.fn(async () => undefined) };
  const arrivals = { record: jest.fn() };
  const launcher = {
    launch: jest.fn(async () => runtime),
    remove: jest.fn(async () => void steps.push('container removed')),
  };
  const environments = {
    create: jest.fn(async () => undefined),
    createFailed: jest.fn(async () => undefined),
    markFailed: jest.fn(async () => undefined),
    markRunning: jest.fn(
      async (id: string, running: { path: 'cold_specialized' | 'cold_fallback'; timings: object }) => ({
        ...claimed,
        id,
        state: 'running' as const,
        path: running.path,
        containerId: runtime.containerId,
        port: runtime.port,
        imageRef: imageOf(match).imageRef,
        imageHash: imageOf(match).imageHash,
        imageMatch: match,
        buildEnqueued: match !== 'exact',
        timings: running.timings,
        profile: null,
      }),
    ),
    findById: jest.fn(),
    markRemoved: jest.fn(),
  };
  const logger = { info: jest.fn(), warn: jest.fn() };
  const metrics = { observeProvision: jest.fn(), observeFailure: jest.fn() };
  const service = new ProvisioningService(
    ...([
      profiles,
      images,
      warmPools,
      poolContainers,
      arrivals,
      launcher,
      environments,
      logger,
      metrics,
    ] as unknown as Collaborators),
  );
  return { service, steps, profiles, images, warmPools, poolContainers, arrivals, launcher, environments, metrics };
}

const command = ProvisionCommand.create({ applicationId: 'shop', endpointId: 'GET /cart', correlationId: 'corr-1' });

describe(ProvisioningService.name, () => {
  describe('provision', () => {
    it('should hand out a claimed warm container without starting one', async () => {
      const { service, launcher, environments, warmPools, metrics } = newProvisioningService({ warm: claimed });

      const environment = await service.provision(command);

      expect(environment).toMatchObject({
        id: ENVIRONMENT_ID,
        path: 'warm_hit',
        container: { id: 'pooled' },
        profile: { id: PROFILE_ID, version: 3, source: 'model' },
        resolution: { profileSource: 'predicted', imageMatch: 'exact', buildEnqueued: false, warm: true },
      });
      expect(environment.timings).toEqual(
        expect.objectContaining({ claimMs: expect.any(Number), totalMs: expect.any(Number) }),
      );
      expect(warmPools.claim).toHaveBeenCalledWith(
        expect.objectContaining({
          profileHash: resolved.contentHash,
          imageRef: 'tailor/runtime:exact',
          correlationId: 'corr-1',
        }),
      );
      expect(launcher.launch).not.toHaveBeenCalled();
      expect(environments.create).not.toHaveBeenCalled();
      expect(metrics.observeProvision).toHaveBeenCalledWith('warm_hit', expect.any(Number));
    });

    it('should start a specialized container when no warm one is idle and the image is the profile’s own', async () => {
      const { service, launcher, environments, warmPools, metrics } = newProvisioningService({ match: 'exact' });

      const environment = await service.provision(command);

      expect(launcher.launch).toHaveBeenCalledWith(
        expect.objectContaining({ kind: 'environment', imageRef: 'tailor/runtime:exact' }),
      );
      expect(environments.create).toHaveBeenCalledWith(
        expect.objectContaining({ profileSource: 'predicted', imageMatch: 'exact' }),
      );
      expect(environments.markRunning).toHaveBeenCalledWith(
        expect.any(String),
        expect.objectContaining({ path: 'cold_specialized', predictedHash: resolved.contentHash }),
      );
      expect(warmPools.noteColdStart).toHaveBeenCalledWith(
        expect.objectContaining({ profileHash: resolved.contentHash, imageMatch: 'exact' }),
      );
      expect(environment).toMatchObject({ path: 'cold_specialized', resolution: { warm: false } });
      expect(environment.timings).toMatchObject({ createContainerMs: 20, startContainerMs: 30, readyMs: 40 });
      expect(metrics.observeProvision).toHaveBeenCalledWith('cold_specialized', expect.any(Number));
    });

    it.each(['covering', 'base'] as const)(
      'should fall back to a %s image while the specialized one is built',
      async (match) => {
        const { service, environments } = newProvisioningService({ match });

        const environment = await service.provision(command);

        expect(environments.markRunning).toHaveBeenCalledWith(
          expect.any(String),
          expect.objectContaining({ path: 'cold_fallback' }),
        );
        expect(environment).toMatchObject({
          path: 'cold_fallback',
          resolution: { imageMatch: match, buildEnqueued: true },
        });
      },
    );

    it('should store the provision failed when the image cannot be resolved, and count the failure', async () => {
      const { service, images, environments, warmPools, metrics } = newProvisioningService();
      images.resolve.mockRejectedValueOnce(new Error('the factory did not answer'));

      await expect(service.provision(command)).rejects.toThrow('the factory did not answer');

      expect(environments.createFailed).toHaveBeenCalledWith(
        expect.objectContaining({ applicationId: 'shop', endpointId: 'GET /cart', correlationId: 'corr-1' }),
        'the factory did not answer',
      );
      expect(warmPools.claim).not.toHaveBeenCalled();
      expect(metrics.observeFailure).toHaveBeenCalledTimes(1);
    });

    it('should mark the environment failed when its container does not start', async () => {
      const { service, launcher, environments, warmPools } = newProvisioningService();
      launcher.launch.mockRejectedValueOnce(new Error('no Docker engine has room'));

      await expect(service.provision(command)).rejects.toThrow('no Docker engine has room');

      expect(environments.markFailed).toHaveBeenCalledWith(expect.any(String), 'no Docker engine has room');
      expect(warmPools.noteColdStart).not.toHaveBeenCalled();
    });
  });

  describe('remove', () => {
    const running = {
      id: ENVIRONMENT_ID,
      state: 'running',
      containerId: 'c0ffee',
      dockerHost: '/var/run/docker.sock',
      poolContainerId: null,
    };

    it('should mark the environment removed before its container goes, so that its "die" event is not taken for a crash', async () => {
      const { service, steps, environments } = newProvisioningService();
      environments.findById.mockResolvedValue(running);
      environments.markRemoved.mockImplementation(async () => {
        steps.push('marked removed');
        return {
          ...running,
          state: 'removed',
          removedAt: new Date(),
          createdAt: new Date(),
          timings: {},
          profile: null,
        };
      });

      await service.remove(running.id).catch(() => undefined);

      expect(steps).toEqual(['marked removed', 'container removed']);
    });
  });
});

describe(coldPathOf.name, () => {
  it('should call only the profile’s own image specialized', () => {
    expect([coldPathOf('exact'), coldPathOf('covering'), coldPathOf('base')]).toEqual([
      'cold_specialized',
      'cold_fallback',
      'cold_fallback',
    ]);
  });
});
