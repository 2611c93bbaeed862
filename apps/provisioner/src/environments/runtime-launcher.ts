import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { RuntimeProfile } from '@tailor/contracts';
import { TailorLabel } from '@tailor/docker';
import Docker from 'dockerode';

import type { ProvisionerEnv } from '../config/provisioner-env.schema';
import { EnvironmentErrorCode, EnvironmentException } from './environment.exception';
import { findFreePort } from './free-port';

const MIB = 1024 * 1024;
const READINESS_POLL_MS = 10;
const RUNTIME_USER = '65534:65534';

export interface LaunchRequest {
  environmentId: string;
  imageRef: string;
  profileHash: string;
  profile: RuntimeProfile;
}

export interface LaunchedRuntime {
  containerId: string;
  host: string;
  port: number;
  memoryBytes: number;
  nanoCpus: number;
  createContainerMs: number;
  startContainerMs: number;
  readyMs: number;
}

const elapsedSince = (start: number): number => Math.round((performance.now() - start) * 100) / 100;

/** Starts runtime containers on the Docker engine, locked down and limited as the profile says, and waits until they answer. */
@Injectable()
export class RuntimeLauncher {
  private readonly namespace: string;
  private readonly host: string;
  private readonly readyTimeoutMs: number;
  private readonly pidsLimit: number;

  constructor(
    private readonly docker: Docker,
    config: ConfigService<ProvisionerEnv, true>,
  ) {
    this.namespace = config.get('TAILOR_NAMESPACE', { infer: true });
    this.host = config.get('RUNTIME_HOST', { infer: true });
    this.readyTimeoutMs = config.get('RUNTIME_READY_TIMEOUT_MS', { infer: true });
    this.pidsLimit = config.get('RUNTIME_PIDS_LIMIT', { infer: true });
  }

  async launch({ environmentId, imageRef, profileHash, profile }: LaunchRequest): Promise<LaunchedRuntime> {
    const port = await findFreePort(this.host);
    const memoryBytes = profile.memoryMb * MIB;
    const nanoCpus = profile.cpuMillis * 1_000_000;

    let start = performance.now();
    const container = await this.docker.createContainer({
      name: `tailor-${this.namespace}-${environmentId}`,
      Image: imageRef,
      User: RUNTIME_USER,
      Env: [`TAILOR_RUNTIME_HOST=${this.host}`, `TAILOR_RUNTIME_PORT=${port}`, `TAILOR_ENVIRONMENT_ID=${environmentId}`],
      Labels: {
        [TailorLabel.Managed]: 'true',
        [TailorLabel.Namespace]: this.namespace,
        [TailorLabel.Kind]: 'environment',
        [TailorLabel.EnvironmentId]: environmentId,
        [TailorLabel.ApplicationId]: profile.applicationId,
        [TailorLabel.EndpointId]: profile.endpointId,
        [TailorLabel.ProfileHash]: profileHash,
      },
      HostConfig: {
        NetworkMode: 'host',
        Memory: memoryBytes,
        MemorySwap: memoryBytes,
        NanoCpus: nanoCpus,
        PidsLimit: this.pidsLimit,
        ReadonlyRootfs: true,
        CapDrop: ['ALL'],
        SecurityOpt: ['no-new-privileges'],
        Tmpfs: { '/tmp': 'rw,noexec,nosuid,size=64m' },
      },
    });
    const createContainerMs = elapsedSince(start);

    try {
      start = performance.now();
      await container.start();
      const startContainerMs = elapsedSince(start);

      start = performance.now();
      await this.waitUntilReady(port);
      const readyMs = elapsedSince(start);

      return { containerId: container.id, host: this.host, port, memoryBytes, nanoCpus, createContainerMs, startContainerMs, readyMs };
    } catch (error) {
      await this.remove(container.id);
      throw error;
    }
  }

  /** Removes a container, running or not; a container that is already gone is fine. */
  async remove(containerId: string): Promise<void> {
    await this.docker
      .getContainer(containerId)
      .remove({ force: true })
      .catch((error: { statusCode?: number }) => {
        if (error.statusCode !== 404) throw error;
      });
  }

  private async waitUntilReady(port: number): Promise<void> {
    const deadline = Date.now() + this.readyTimeoutMs;
    const url = `http://${this.host}:${port}/health`;
    while (Date.now() < deadline) {
      const ready = await fetch(url, { signal: AbortSignal.timeout(500) })
        .then((response) => response.ok)
        .catch(() => false);
      if (ready) return;
      await new Promise((resolve) => setTimeout(resolve, READINESS_POLL_MS));
    }
    throw new EnvironmentException(
      EnvironmentErrorCode.RuntimeNotReady,
      `runtime did not answer on ${url} within ${this.readyTimeoutMs} ms`,
    );
  }
}
