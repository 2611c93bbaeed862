import { Injectable } from '@nestjs/common';
import { InjectConfig, InjectNamespace } from '@tailor/config';
import type { RuntimeProfile } from '@tailor/contracts';
import { TailorLabel } from '@tailor/docker';
import { findFreePort, RuntimeClient, runtimeContainerSpec, type RuntimeKind } from '@tailor/runtime';

import { runtimeConfig, type RuntimeConfig } from '../config/provisioner-config.groups';
import { DockerEngines } from './docker-engines';
import { EnginePlacement } from './engine-placement';
import { RuntimeErrorCode, RuntimeException } from './runtime.exception';
import { acceptsConnections } from './port-probe';

const MIB = 1024 * 1024;
const READINESS_POLL_MS = 5;
const PROBE_TIMEOUT_MS = 500;

export interface LaunchRequest {
  /** environment id or pool container id: names the container and its memory reservation */
  id: string;
  kind: RuntimeKind;
  imageRef: string;
  profileHash: string;
  profile: RuntimeProfile;
}

export interface LaunchedRuntime {
  containerId: string;
  dockerHost: string;
  host: string;
  port: number;
  memoryBytes: number;
  nanoCpus: number;
  placeMs: number;
  createContainerMs: number;
  startContainerMs: number;
  readyMs: number;
}

const elapsedSince = (start: number): number => Math.round((performance.now() - start) * 100) / 100;

/**
 * Starts runtime containers on the Docker engines, locked down and limited as the profile says, and waits until they
 * answer. Environments and warm pool containers are the same runtime; their labels tell them apart.
 */
@Injectable()
export class RuntimeLauncher {
  private readonly namespace: string;
  private readonly host: string;
  private readonly ingestUrl: string | undefined;
  private readonly readyTimeoutMs: number;
  private readonly pidsLimit: number;

  constructor(
    private readonly engines: DockerEngines,
    private readonly placement: EnginePlacement,
    @InjectNamespace() namespace: string,
    @InjectConfig(runtimeConfig) runtime: RuntimeConfig,
  ) {
    this.namespace = namespace;
    this.host = runtime.host;
    this.ingestUrl = runtime.ingestUrl;
    this.readyTimeoutMs = runtime.readyTimeoutMs;
    this.pidsLimit = runtime.pidsLimit;
  }

  async launch({ id, kind, imageRef, profileHash, profile }: LaunchRequest): Promise<LaunchedRuntime> {
    const memoryBytes = profile.memoryMb * MIB;
    const nanoCpus = profile.cpuMillis * 1_000_000;
    let start = performance.now();
    const engine = await this.placement.place(id, memoryBytes, imageRef);
    const placeMs = elapsedSince(start);
    let containerId: string | undefined;
    try {
      const port = await findFreePort(this.host);
      start = performance.now();
      const container = await engine.docker.createContainer(
        runtimeContainerSpec({
          name: `tailor-${this.namespace}-${kind}-${id}`,
          image: imageRef,
          host: this.host,
          port,
          env: [
            `TAILOR_ENVIRONMENT_ID=${id}`,
            // a pool container learns whom it serves when its environment loads a bundle
            ...(kind === 'environment' ? [`TAILOR_APPLICATION_ID=${profile.applicationId}`, `TAILOR_ENDPOINT_ID=${profile.endpointId}`] : []),
            ...(this.ingestUrl ? [`TAILOR_INGEST_URL=${this.ingestUrl}`] : []),
          ],
          namespace: this.namespace,
          kind,
          labels: {
            [kind === 'pool' ? TailorLabel.PoolContainerId : TailorLabel.EnvironmentId]: id,
            [TailorLabel.ApplicationId]: profile.applicationId,
            [TailorLabel.EndpointId]: profile.endpointId,
            [TailorLabel.ProfileHash]: profileHash,
          },
          limits: { memoryBytes, nanoCpus, pidsLimit: this.pidsLimit },
        }),
      );
      containerId = container.id;
      const createContainerMs = elapsedSince(start);

      start = performance.now();
      await container.start();
      const startContainerMs = elapsedSince(start);

      start = performance.now();
      await this.waitUntilReady(port);
      const readyMs = elapsedSince(start);

      return {
        containerId,
        dockerHost: engine.name,
        host: this.host,
        port,
        memoryBytes,
        nanoCpus,
        placeMs,
        createContainerMs,
        startContainerMs,
        readyMs,
      };
    } catch (error) {
      if (containerId) await this.remove(engine.name, containerId, id).catch(() => undefined);
      else this.placement.release(id);
      throw error;
    }
  }

  /** Removes a container, running or not (a container that is already gone is fine), and frees its reservation. */
  async remove(dockerHost: string | null, containerId: string, id: string): Promise<void> {
    await this.engines
      .get(dockerHost)
      .docker.getContainer(containerId)
      .remove({ force: true })
      .catch((error: { statusCode?: number }) => {
        if (error.statusCode !== 404) throw error;
      });
    this.placement.release(id);
  }

  /** Polls the port with bare TCP connects until the runtime listens, then asks its /health (again until it is ok). */
  private async waitUntilReady(port: number): Promise<void> {
    const deadline = Date.now() + this.readyTimeoutMs;
    const runtime = new RuntimeClient(`http://${this.host}:${port}`, { timeoutMs: PROBE_TIMEOUT_MS });
    while (Date.now() < deadline) {
      const ready = (await acceptsConnections(this.host, port, PROBE_TIMEOUT_MS)) && (await runtime.isReady());
      if (ready) return;
      await new Promise((resolve) => setTimeout(resolve, READINESS_POLL_MS));
    }
    const url = `${runtime.baseUrl}/health`;
    throw new RuntimeException(RuntimeErrorCode.RuntimeNotReady, `runtime did not answer on ${url} within ${this.readyTimeoutMs} ms`);
  }
}
