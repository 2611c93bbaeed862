import { randomUUID } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import { type Environment, ImageMatch, type ProvisionRequest } from '@tailor/contracts';
import { PinoLogger } from 'nestjs-pino';

import { DependencyGateway } from '../dependencies/dependency.gateway';
import { EnvironmentErrorCode, EnvironmentException } from './environment.exception';
import { toEnvironment } from './environment.mapper';
import { EnvironmentRepository } from './environment.repository';
import { RuntimeLauncher } from './runtime-launcher';

const msSince = (start: number): number => Math.round((performance.now() - start) * 100) / 100;

@Injectable()
export class ProvisioningService {
  constructor(
    private readonly dependencies: DependencyGateway,
    private readonly launcher: RuntimeLauncher,
    private readonly environments: EnvironmentRepository,
    private readonly logger: PinoLogger,
  ) {}

  /** predicted profile → image → running container → environment, each step timed and recorded. */
  async provision({ applicationId, endpointId }: ProvisionRequest, correlationId: string): Promise<Environment> {
    const startedAt = performance.now();
    const id = randomUUID();
    await this.environments.create({ id, applicationId, endpointId, correlationId });
    try {
      let stepStart = performance.now();
      const prediction = await this.dependencies.predictProfile({ correlationId, applicationId, endpointId });
      const predictMs = msSince(stepStart);

      stepStart = performance.now();
      const image = await this.dependencies.resolveImage({
        correlationId,
        contentHash: prediction.contentHash,
        profile: prediction.profile,
      });
      const resolveImageMs = msSince(stepStart);

      const runtime = await this.launcher.launch({
        environmentId: id,
        imageRef: image.imageRef,
        profileHash: prediction.contentHash,
        profile: prediction.profile,
      });
      const timings = {
        predictMs,
        resolveImageMs,
        createContainerMs: runtime.createContainerMs,
        startContainerMs: runtime.startContainerMs,
        readyMs: runtime.readyMs,
        totalMs: msSince(startedAt),
      };
      const record = await this.environments.markRunning(id, {
        path: image.match === ImageMatch.Exact ? 'cold_specialized' : 'cold_fallback',
        profileId: prediction.profileId,
        imageRef: image.imageRef,
        imageHash: image.imageHash,
        runtime,
        timings,
      });
      this.logger.info({ environmentId: id, applicationId, endpointId, timings }, 'environment provisioned');
      return toEnvironment(record, image.match);
    } catch (error) {
      await this.environments.markFailed(id, error instanceof Error ? error.message : String(error));
      throw error;
    }
  }

  async get(id: string): Promise<Environment> {
    const record = await this.environments.findById(id);
    if (!record) throw new EnvironmentException(EnvironmentErrorCode.NotFound, `environment ${id} does not exist`);
    return toEnvironment(record);
  }

  /** Removes the environment's container; removing an environment twice is not an error. */
  async remove(id: string): Promise<Environment> {
    const record = await this.environments.findById(id);
    if (!record) throw new EnvironmentException(EnvironmentErrorCode.NotFound, `environment ${id} does not exist`);
    if (record.containerId) await this.launcher.remove(record.containerId);
    const removed = record.state === 'removed' ? record : await this.environments.markRemoved(id);
    this.logger.info({ environmentId: id }, 'environment removed');
    return toEnvironment(removed);
  }
}
