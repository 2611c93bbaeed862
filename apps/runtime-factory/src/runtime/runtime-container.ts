import { createServer } from 'node:net';

import { TailorLabel } from '@tailor/docker';
import type Docker from 'dockerode';

const MIB = 1024 * 1024;

export interface RuntimeContainerOptions {
  image: string;
  namespace: string;
  memoryMb?: number;
  cpuMillis?: number;
  pidsLimit?: number;
  tmpfsMb?: number;
  env?: string[];
  /** the image's command, replaced (a benchmark's engine floor) */
  cmd?: string[];
  /** host:container[:ro] bind mounts (the generic runtime's npm, for installs at start) */
  binds?: string[];
  labels?: Record<string, string>;
}

export interface RuntimeContainer {
  id: string;
  url: string;
  /** wall-clock time (epoch ms) when the engine had created the container, and when its start call returned */
  createdAt: number;
  startedAt: number;
  remove(): Promise<void>;
}

const now = (): number => performance.timeOrigin + performance.now();

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/**
 * Starts a runtime container locked down as the provisioner starts them (host network on loopback, read-only root, no
 * capabilities, no-new-privileges, user 65534, pids/memory/CPU limits) and returns once it is running (not yet ready).
 */
export async function startRuntimeContainer(
  docker: Docker,
  options: RuntimeContainerOptions,
): Promise<RuntimeContainer> {
  const port = await freePort();
  const memoryBytes = (options.memoryMb ?? 256) * MIB;
  const container = await docker.createContainer({
    Image: options.image,
    Cmd: options.cmd,
    User: '65534:65534',
    Env: ['TAILOR_RUNTIME_HOST=127.0.0.1', `TAILOR_RUNTIME_PORT=${port}`, ...(options.env ?? [])],
    Labels: {
      [TailorLabel.Managed]: 'true',
      [TailorLabel.Namespace]: options.namespace,
      [TailorLabel.Kind]: 'environment',
      ...options.labels,
    },
    HostConfig: {
      NetworkMode: 'host',
      Memory: memoryBytes,
      MemorySwap: memoryBytes,
      NanoCpus: (options.cpuMillis ?? 1000) * 1_000_000,
      PidsLimit: options.pidsLimit ?? 64,
      ReadonlyRootfs: true,
      CapDrop: ['ALL'],
      SecurityOpt: ['no-new-privileges'],
      Tmpfs: { '/tmp': `rw,noexec,nosuid,size=${options.tmpfsMb ?? 64}m` },
      Binds: options.binds,
    },
  });
  const remove = () =>
    container.remove({ force: true }).catch((error: { statusCode?: number }) => {
      if (error.statusCode !== 404) throw error;
    });
  const createdAt = now();
  try {
    await container.start();
  } catch (error) {
    await remove();
    throw error;
  }
  return { id: container.id, url: `http://127.0.0.1:${port}`, createdAt, startedAt: now(), remove };
}

/** Waits until GET /health answers 200, as the provisioner does. */
export async function waitUntilReady(url: string, timeoutMs = 30_000, pollMs = 2): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ok = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1000) })
      .then((response) => response.ok)
      .catch(() => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
  throw new Error(`runtime at ${url} not ready within ${timeoutMs} ms`);
}

/** One call to the runtime server; a non-2xx answer throws with the server's error. */
export async function runtimeCall<T = Record<string, unknown>>(url: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: body === undefined ? undefined : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(300_000),
  });
  const payload = (await response.json()) as T & { error?: string };
  if (!response.ok) throw new Error(`${path} answered ${response.status}: ${payload.error}`);
  return payload;
}
