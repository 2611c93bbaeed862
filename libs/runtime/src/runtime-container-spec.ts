import { TailorLabel } from '@tailor/docker';
import type { ContainerCreateOptions } from 'dockerode';

/** The unprivileged user every runtime runs as (nobody:nogroup). */
export const RUNTIME_USER = '65534:65534';

/** Size of the runtime's writable /tmp when the caller names none. */
export const DEFAULT_TMPFS_MB = 64;

/** What a runtime container is to the provisioner: a claimed environment or a warm pool container. */
export type RuntimeKind = 'environment' | 'pool';

export interface RuntimeLimits {
  /** the memory limit, swap included: the runtime gets no swap */
  memoryBytes: number;
  nanoCpus: number;
  pidsLimit: number;
  tmpfsMb?: number;
}

export interface RuntimeContainerInput {
  /** the container's name; the engine picks one when none is given */
  name?: string;
  image: string;
  /** replaces the image's command */
  cmd?: string[];
  /** where the runtime server listens: the container shares the host's network */
  host: string;
  port: number;
  /** more environment variables, after the runtime's host and port */
  env?: string[];
  namespace: string;
  kind: RuntimeKind;
  /** more labels, after the managed, namespace and kind labels */
  labels?: Record<string, string>;
  limits: RuntimeLimits;
  /** host:container[:ro] bind mounts */
  binds?: string[];
}

/**
 * The one way a runtime container is created: on the host's network, as user 65534, with a read-only root, every
 * capability dropped, no-new-privileges, and the memory (without swap), CPU and pids limits given.
 */
export function runtimeContainerSpec(input: RuntimeContainerInput): ContainerCreateOptions {
  const { limits } = input;
  return {
    ...(input.name === undefined ? {} : { name: input.name }),
    Image: input.image,
    ...(input.cmd === undefined ? {} : { Cmd: input.cmd }),
    User: RUNTIME_USER,
    Env: [`TAILOR_RUNTIME_HOST=${input.host}`, `TAILOR_RUNTIME_PORT=${input.port}`, ...(input.env ?? [])],
    Labels: {
      [TailorLabel.Managed]: 'true',
      [TailorLabel.Namespace]: input.namespace,
      [TailorLabel.Kind]: input.kind,
      ...input.labels,
    },
    HostConfig: {
      NetworkMode: 'host',
      Memory: limits.memoryBytes,
      MemorySwap: limits.memoryBytes,
      NanoCpus: limits.nanoCpus,
      PidsLimit: limits.pidsLimit,
      ReadonlyRootfs: true,
      CapDrop: ['ALL'],
      SecurityOpt: ['no-new-privileges'],
      Tmpfs: { '/tmp': `rw,noexec,nosuid,size=${limits.tmpfsMb ?? DEFAULT_TMPFS_MB}m` },
      ...(input.binds === undefined ? {} : { Binds: input.binds }),
    },
  };
}
