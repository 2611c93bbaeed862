import { findFreePort, RuntimeClient, runtimeContainerSpec } from '@tailor/runtime';
import type Docker from 'dockerode';

const MIB = 1024 * 1024;
const CALL_TIMEOUT_MS = 300_000;
const HEALTH_TIMEOUT_MS = 1000;

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
  /** the runtime server's client; a call may take minutes (an npm install at load) */
  runtime: RuntimeClient;
  /** wall-clock time (epoch ms) when the engine had created the container, and when its start call returned */
  createdAt: number;
  startedAt: number;
  remove(): Promise<void>;
}

const now = () => performance.timeOrigin + performance.now();

/**
 * Starts a runtime container as the provisioner starts them (the one runtime container spec, on loopback) and returns
 * once it is running (not yet ready). A test or benchmark support: no placement, no reservation.
 */
export async function startRuntimeContainer(
  docker: Docker,
  options: RuntimeContainerOptions,
): Promise<RuntimeContainer> {
  const port = await findFreePort('127.0.0.1');
  const container = await docker.createContainer(
    runtimeContainerSpec({
      image: options.image,
      cmd: options.cmd,
      host: '127.0.0.1',
      port,
      env: options.env,
      namespace: options.namespace,
      kind: 'environment',
      labels: options.labels,
      limits: {
        memoryBytes: (options.memoryMb ?? 256) * MIB,
        nanoCpus: (options.cpuMillis ?? 1000) * 1_000_000,
        pidsLimit: options.pidsLimit ?? 64,
        tmpfsMb: options.tmpfsMb,
      },
      binds: options.binds,
    }),
  );
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
  const url = `http://127.0.0.1:${port}`;
  const runtime = new RuntimeClient(url, { timeoutMs: CALL_TIMEOUT_MS });
  return { id: container.id, url, runtime, createdAt, startedAt: now(), remove };
}

/** Waits until GET /health answers 200, as the provisioner does. */
export async function waitUntilReady(runtime: RuntimeClient, timeoutMs = 30_000, pollMs = 2): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await runtime.isReady(HEALTH_TIMEOUT_MS)) return;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
  throw new Error(`runtime at ${runtime.baseUrl} not ready within ${timeoutMs} ms`);
}
