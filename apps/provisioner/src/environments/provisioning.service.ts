import { randomUUID } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import { type Environment, ImageMatch, type ProvisionTimings } from '@tailor/contracts';
import { errorCodeOf } from '@tailor/platform';
import { PinoLogger } from 'nestjs-pino';

import { RuntimeLauncher } from '../engines/runtime-launcher';
import { ProvisionMetrics } from '../metrics/provision.metrics';
import { ArrivalCounter } from '../pools/arrival-counter';
import { poolIdentityOf } from '../pools/pool-identity';
import { PoolContainerRepository } from '../pools/pool-container.repository';
import { WarmPoolService } from '../pools/warm-pool.service';
import { ImageResolver } from '../resolution/image-resolver';
import { ProfileResolver, type ResolvedProfile } from '../resolution/profile-resolver';
import { EnvironmentErrorCode, EnvironmentException } from './environment.exception';
import { presentEnvironment } from './environment.presenter';
import { EnvironmentRepository } from './environment.repository';
import { ProvisionCommand } from './provision.command';

const msSince = (start: number): number => Math.round((performance.now() - start) * 100) / 100;

type ResolvedImage = Awaited<ReturnType<ImageResolver['resolve']>>;

/** What a provision resolved before it looked for a container, and how long each step took. */
interface Resolution {
  resolved: ResolvedProfile;
  image: ResolvedImage;
  predictMs: number;
  resolveImageMs: number;
}

/** The path of a provision that found no warm container: its own image is specialized, any other a fallback. */
export function coldPathOf(match: ImageMatch): 'cold_specialized' | 'cold_fallback' {
  return match === ImageMatch.Exact ? 'cold_specialized' : 'cold_fallback';
}

@Injectable()
export class ProvisioningService {
  constructor(
    private readonly profiles: ProfileResolver,
    private readonly images: ImageResolver,
    private readonly warmPools: WarmPoolService,
    private readonly poolContainers: PoolContainerRepository,
    private readonly arrivals: ArrivalCounter,
    private readonly launcher: RuntimeLauncher,
    private readonly environments: EnvironmentRepository,
    private readonly logger: PinoLogger,
    private readonly metrics: ProvisionMetrics,
  ) {}

  /**
   * profile (bounded wait: predicted, else last known, else default) → image (exact, else covering, else base; a build
   * enqueued, never awaited) → a warm container of that image claimed from the pool, else one started now → environment.
   */
  async provision(command: ProvisionCommand): Promise<Environment> {
    const startedAt = performance.now();
    try {
      const environment = await this.provisionFrom(startedAt, command);
      if (environment.path) this.metrics.observeProvision(environment.path, (performance.now() - startedAt) / 1000);
      return environment;
    } catch (error) {
      this.metrics.observeFailure(errorCodeOf(error));
      throw error;
    }
  }

  private async provisionFrom(startedAt: number, command: ProvisionCommand): Promise<Environment> {
    const id = randomUUID();
    const resolution = await this.resolve(id, command);
    const { resolved, image } = resolution;
    this.arrivals.record(resolved.contentHash);

    const claimStart = performance.now();
    const timingsAtClaim = {
      predictMs: resolution.predictMs,
      resolveImageMs: resolution.resolveImageMs,
      createContainerMs: 0,
      startContainerMs: 0,
      readyMs: 0,
      totalMs: msSince(startedAt),
    };
    const claimed = await this.warmPools.claim({
      profileHash: resolved.contentHash,
      imageRef: image.imageRef,
      environmentId: id,
      applicationId: command.applicationId,
      endpointId: command.endpointId,
      profileId: resolved.profileId,
      profileSource: resolved.source,
      buildEnqueued: image.buildEnqueued,
      correlationId: command.correlationId,
      predictedHash: resolved.contentHash,
      timings: timingsAtClaim,
    });
    const claimMs = msSince(claimStart);
    if (claimed) return presentEnvironment(claimed, { resolved, timings: { ...timingsAtClaim, claimMs, totalMs: msSince(startedAt) } });
    return this.coldStart(id, command, resolution, { startedAt, claimMs });
  }

  async get(id: string): Promise<Environment> {
    return presentEnvironment(await this.find(id));
  }

  /** Removes the environment's container; removing an environment twice is not an error. */
  async remove(id: string, reason?: string): Promise<Environment> {
    const record = await this.find(id);
    // marked first: the engine's "die" event of the container removed next must not find a running environment to fail
    const removed = record.state === 'removed' ? record : await this.environments.markRemoved(id, reason);
    // a warm environment's memory was reserved under the id of the pool container it was
    if (record.containerId) await this.launcher.remove(record.dockerHost, record.containerId, record.poolContainerId ?? record.id);
    if (record.poolContainerId) await this.poolContainers.deleteClaimedBy(id);
    this.logger.info({ environmentId: id, reason }, 'environment removed');
    return presentEnvironment(removed);
  }

  private async find(id: string) {
    const record = await this.environments.findById(id);
    if (!record) throw new EnvironmentException(EnvironmentErrorCode.NotFound, `environment ${id} does not exist`);
    return record;
  }

  /** The profile and the image; when either cannot be had, the provision is stored failed. */
  private async resolve(id: string, { applicationId, endpointId, correlationId }: ProvisionCommand): Promise<Resolution> {
    try {
      let stepStart = performance.now();
      const resolved = await this.profiles.resolve(applicationId, endpointId, correlationId);
      const predictMs = msSince(stepStart);
      stepStart = performance.now();
      const image = await this.images.resolve(resolved.contentHash, resolved.profile, correlationId);
      return { resolved, image, predictMs, resolveImageMs: msSince(stepStart) };
    } catch (error) {
      await this.environments.createFailed({ id, applicationId, endpointId, correlationId }, error instanceof Error ? error.message : String(error));
      throw error;
    }
  }

  private async coldStart(
    id: string,
    { applicationId, endpointId, correlationId }: ProvisionCommand,
    { resolved, image, predictMs, resolveImageMs }: Resolution,
    { startedAt, claimMs }: { startedAt: number; claimMs: number },
  ): Promise<Environment> {
    await this.environments.create({
      id,
      applicationId,
      endpointId,
      correlationId,
      profileId: resolved.profileId,
      profileSource: resolved.source,
      imageRef: image.imageRef,
      imageHash: image.imageHash,
      imageMatch: image.match,
      buildEnqueued: image.buildEnqueued,
    });
    try {
      const runtime = await this.launcher.launch({
        id,
        kind: 'environment',
        imageRef: image.imageRef,
        profileHash: resolved.contentHash,
        profile: resolved.profile,
      });
      const timings: ProvisionTimings = {
        predictMs,
        resolveImageMs,
        claimMs,
        createContainerMs: runtime.createContainerMs,
        startContainerMs: runtime.startContainerMs,
        readyMs: runtime.readyMs,
        totalMs: msSince(startedAt),
      };
      const record = await this.environments.markRunning(id, {
        path: coldPathOf(image.match),
        runtime,
        timings,
        predictedHash: resolved.contentHash,
      });
      await this.warmPools
        .noteColdStart(poolIdentityOf(applicationId, endpointId, resolved, image))
        .catch((error: Error) => this.logger.warn({ error: error.message }, 'could not note the cold start for the pools'));
      this.logger.info({ environmentId: id, applicationId, endpointId, timings, resolution: resolved.source }, 'environment provisioned cold');
      return presentEnvironment(record, { resolved });
    } catch (error) {
      await this.environments.markFailed(id, error instanceof Error ? error.message : String(error));
      throw error;
    }
  }
}
