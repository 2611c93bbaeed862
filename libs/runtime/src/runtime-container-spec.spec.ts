import { TailorLabel } from '@tailor/docker';

import { runtimeContainerSpec } from './runtime-container-spec';

const MIB = 1024 * 1024;

describe(runtimeContainerSpec.name, () => {
  it('should lock the runtime down: host network, user 65534, read-only root, no capabilities, no-new-privileges', () => {
    const spec = runtimeContainerSpec({
      name: 'tailor-ns-environment-env-1',
      image: 'tailor/runtime-ns:hash',
      host: '127.0.0.1',
      port: 41000,
      env: ['TAILOR_ENVIRONMENT_ID=env-1'],
      namespace: 'ns',
      kind: 'environment',
      labels: { [TailorLabel.EnvironmentId]: 'env-1', [TailorLabel.ProfileHash]: 'hash' },
      limits: { memoryBytes: 256 * MIB, nanoCpus: 500_000_000, pidsLimit: 64 },
    });

    expect(JSON.stringify(spec)).toBe(
      JSON.stringify({
        name: 'tailor-ns-environment-env-1',
        Image: 'tailor/runtime-ns:hash',
        User: '65534:65534',
        Env: ['TAILOR_RUNTIME_HOST=127.0.0.1', 'TAILOR_RUNTIME_PORT=41000', 'TAILOR_ENVIRONMENT_ID=env-1'],
        Labels: {
          [TailorLabel.Managed]: 'true',
          [TailorLabel.Namespace]: 'ns',
          [TailorLabel.Kind]: 'environment',
          [TailorLabel.EnvironmentId]: 'env-1',
          [TailorLabel.ProfileHash]: 'hash',
        },
        HostConfig: {
          NetworkMode: 'host',
          Memory: 256 * MIB,
          MemorySwap: 256 * MIB,
          NanoCpus: 500_000_000,
          PidsLimit: 64,
          ReadonlyRootfs: true,
          CapDrop: ['ALL'],
          SecurityOpt: ['no-new-privileges'],
          Tmpfs: { '/tmp': 'rw,noexec,nosuid,size=64m' },
        },
      }),
    );
  });

  it("should replace the image's command, size /tmp and bind mounts only when asked", () => {
    const spec = runtimeContainerSpec({
      image: 'base',
      cmd: ['/usr/local/bin/node', '-e', '0'],
      host: '127.0.0.1',
      port: 1,
      namespace: 'ns',
      kind: 'environment',
      limits: { memoryBytes: MIB, nanoCpus: 1, pidsLimit: 1, tmpfsMb: 512 },
      binds: ['/usr/lib/node_modules/npm:/opt/npm:ro'],
    });

    expect(spec).not.toHaveProperty('name');
    expect(spec.Cmd).toEqual(['/usr/local/bin/node', '-e', '0']);
    expect(spec.HostConfig?.Tmpfs).toEqual({ '/tmp': 'rw,noexec,nosuid,size=512m' });
    expect(spec.HostConfig?.Binds).toEqual(['/usr/lib/node_modules/npm:/opt/npm:ro']);
  });
});
