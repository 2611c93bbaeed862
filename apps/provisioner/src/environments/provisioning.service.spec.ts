import type { PinoLogger } from 'nestjs-pino';

import type { RuntimeLauncher } from '../engines/runtime-launcher';
import type { PoolContainerRepository } from '../pools/pool-container.repository';
import type { EnvironmentRepository } from './environment.repository';
import { ProvisioningService } from './provisioning.service';

describe(ProvisioningService.name, () => {
  describe('remove', () => {
    const running = {
      id: '5f0c7c1e-8d4b-4f36-9d0a-2b1f0c6e9a11',
      state: 'running',
      containerId: 'c0ffee',
      dockerHost: '/var/run/docker.sock',
      poolContainerId: null,
    };
    const steps: string[] = [];
    const environments = {
      findById: jest.fn(async () => running),
      markRemoved: jest.fn(async () => {
        steps.push('marked removed');
        return { ...running, state: 'removed', removedAt: new Date(), createdAt: new Date(), timings: {}, profile: null };
      }),
    };
    const launcher = { remove: jest.fn(async () => void steps.push('container removed')) };
    const service = new ProvisioningService(
      {} as never,
      {} as never,
      {} as never,
      { deleteClaimedBy: jest.fn() } as unknown as PoolContainerRepository,
      {} as never,
      launcher as unknown as RuntimeLauncher,
      environments as unknown as EnvironmentRepository,
      { info: jest.fn() } as unknown as PinoLogger,
      {} as never,
    );

    it('should mark the environment removed before its container goes, so that its "die" event is not taken for a crash', async () => {
      await service.remove(running.id).catch(() => undefined);
      expect(steps).toEqual(['marked removed', 'container removed']);
    });
  });
});
