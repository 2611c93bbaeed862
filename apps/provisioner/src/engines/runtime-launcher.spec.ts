import type { RuntimeProfile } from '@tailor/contracts';
import { TailorLabel } from '@tailor/docker';
import { defaultProfile } from '@tailor/profiles';

import { runtimeConfig } from '../config/provisioner-config.groups';
import type { ProvisionerEnv } from '../config/provisioner-env.schema';
import type { DockerEngines } from './docker-engines';
import type { EnginePlacement } from './engine-placement';
import { RuntimeLauncher } from './runtime-launcher';

const MIB = 1024 * 1024;
const profile: RuntimeProfile = { ...defaultProfile('app', 'GET /x', '20'), memoryMb: 128, cpuMillis: 500 };

describe(RuntimeLauncher.name, () => {
  let createContainer: jest.Mock;
  let placement: { place: jest.Mock; release: jest.Mock };
  let launcher: RuntimeLauncher;

  beforeEach(() => {
    createContainer = jest.fn(async () => {
      throw new Error('the engine refused');
    });
    placement = { place: jest.fn(async () => ({ name: 'local', docker: { createContainer } })), release: jest.fn() };
    const runtime = runtimeConfig.select({
      RUNTIME_HOST: '127.0.0.1',
      RUNTIME_INGEST_URL: 'http://127.0.0.1:3001',
      RUNTIME_READY_TIMEOUT_MS: 100,
      RUNTIME_PIDS_LIMIT: 256,
    } as ProvisionerEnv);
    launcher = new RuntimeLauncher({} as DockerEngines, placement as unknown as EnginePlacement, 'ns', runtime);
  });

  describe('launch', () => {
    it('should create the runtime locked down, limited as the profile says, and labelled as the environment', async () => {
      await expect(
        launcher.launch({ id: 'env-1', kind: 'environment', imageRef: 'image', profileHash: 'hash', profile }),
      ).rejects.toThrow('the engine refused');

      const [options] = createContainer.mock.calls[0] as [{ Env: string[] }];
      const port = options.Env[1].split('=')[1];
      expect(JSON.stringify(options)).toBe(
        JSON.stringify({
          name: 'tailor-ns-environment-env-1',
          Image: 'image',
          User: '65534:65534',
          Env: [
            'TAILOR_RUNTIME_HOST=127.0.0.1',
            `TAILOR_RUNTIME_PORT=${port}`,
            'TAILOR_ENVIRONMENT_ID=env-1',
            'TAILOR_APPLICATION_ID=app',
            'TAILOR_ENDPOINT_ID=GET /x',
            'TAILOR_INGEST_URL=http://127.0.0.1:3001',
          ],
          Labels: {
            [TailorLabel.Managed]: 'true',
            [TailorLabel.Namespace]: 'ns',
            [TailorLabel.Kind]: 'environment',
            [TailorLabel.EnvironmentId]: 'env-1',
            [TailorLabel.ApplicationId]: 'app',
            [TailorLabel.EndpointId]: 'GET /x',
            [TailorLabel.ProfileHash]: 'hash',
          },
          HostConfig: {
            NetworkMode: 'host',
            Memory: 128 * MIB,
            MemorySwap: 128 * MIB,
            NanoCpus: 500_000_000,
            PidsLimit: 256,
            ReadonlyRootfs: true,
            CapDrop: ['ALL'],
            SecurityOpt: ['no-new-privileges'],
            Tmpfs: { '/tmp': 'rw,noexec,nosuid,size=64m' },
          },
        }),
      );
      expect(placement.release).toHaveBeenCalledWith('env-1');
    });

    it('should label a pool container by its pool id and leave whom it serves to the bundle it loads', async () => {
      await launcher
        .launch({ id: 'pool-1', kind: 'pool', imageRef: 'image', profileHash: 'hash', profile })
        .catch(() => undefined);

      const [options] = createContainer.mock.calls[0] as [{ Env: string[]; Labels: Record<string, string> }];
      expect(options.Env.slice(2)).toEqual(['TAILOR_ENVIRONMENT_ID=pool-1', 'TAILOR_INGEST_URL=http://127.0.0.1:3001']);
      expect(options.Labels).toMatchObject({ [TailorLabel.Kind]: 'pool', [TailorLabel.PoolContainerId]: 'pool-1' });
      expect(options.Labels).not.toHaveProperty(TailorLabel.EnvironmentId);
    });
  });
});
