import { randomUUID } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import { type Environment, ImageMatch, type ProvisionRequest, type ProvisionTimings } from '@tailor/contracts';
import { errorCodeOf } from '@tailor/platform';
import { PinoLogger } from 'nestjs-pino';

import { RuntimeLauncher } from '../engines/runtime-launcher';
import { ProvisionMetrics } from '../metrics/provision.metrics';
import { ArrivalCounter } from '../pools/arrival-counter';
import { poolIdentityOf } from '../pools/pool-identity';
import { type ClaimedEnvironment, PoolContainerRepository } from '../pools/pool-container.repository';
import { WarmPoolService } from '../pools/warm-pool.service';
import { ImageResolver } from '../resolution/image-resolver';
import { ProfileResolver, type ResolvedProfile } from '../resolution/profile-resolver';
import { EnvironmentErrorCode, EnvironmentException } from './environment.exception';
import { toEnvironment } from './environment.mapper';
import { EnvironmentRepository } from './environment.repository';

const msSince = (start: number): number => Math.round((performance.now() - start) * 100) / 100;

type ResolvedImage = Awaited<ReturnType<ImageResolver['resolve']>>;

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
  async provision(request: ProvisionRequest, correlationId: string): Promise<Environment> {
    const startedAt = performance.now();
    try {
      const environment = await this.provisionFrom(startedAt, request, correlationId);
      if (environment.path) this.metrics.observeProvision(environment.path, (performance.now() - startedAt) / 1000);
      return environment;
    } catch (error) {
      this.metrics.observeFailure(errorCodeOf(error));
      throw error;
    }
  }

  private async provisionFrom(startedAt: number, { applicationId, endpointId }: ProvisionRequest, correlationId: string): Promise<Environment> {
    const id = randomUUID();
    let resolved: ResolvedProfile;
    let image: ResolvedImage;
    let predictMs: number;
    let resolveImageMs: number;
    try {
      let stepStart = performance.now();
      resolved = await this.profiles.resolve(applicationId, endpointId, correlationId);
      predictMs = msSince(stepStart);
      stepStart = performance.now();
      image = await this.images.resolve(resolved.contentHash, resolved.profile, correlationId);
      resolveImageMs = msSince(stepStart);
    } catch (error) {
      await this.environments.createFailed({ id, applicationId, endpointId, correlationId }, error instanceof Error ? error.message : String(error));
      throw error;
    }
    this.arrivals.record(resolved.contentHash);

    const claimStart = performance.now();
    const timingsAtClaim = { predictMs, resolveImageMs, createContainerMs: 0, startContainerMs: 0, readyMs: 0, totalMs: msSince(startedAt) };
    const claimed = await this.warmPools.claim({
      profileHash: resolved.contentHash,
      imageRef: image.imageRef,
      environmentId: id,
      applicationId,
      endpointId,
      profileId: resolved.profileId,
      profileSource: resolved.source,
      buildEnqueued: image.buildEnqueued,
      correlationId,
      predictedHash: resolved.contentHash,
      timings: timingsAtClaim,
    });
    const claimMs = msSince(claimStart);
    if (claimed) {
      const timings = { ...timingsAtClaim, claimMs, totalMs: msSince(startedAt) };
      return this.warmEnvironment(claimed, { applicationId, endpointId, correlationId, resolved, image, timings });
    }
    return this.coldStart({ id, applicationId, endpointId, correlationId, resolved, image, startedAt, predictMs, resolveImageMs, claimMs });
  }

  async get(id: string): Promise<Environment> {
    return toEnvironment(await this.find(id));
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
    return toEnvironment(removed);
  }

  private async find(id: string) {
    const record = await this.environments.findById(id);
    if (!record) throw new EnvironmentException(EnvironmentErrorCode.NotFound, `environment ${id} does not exist`);
    return record;
  }

  private async coldStart(input: {
    id: string;
    applicationId: string;
    endpointId: string;
    correlationId: string;
    resolved: ResolvedProfile;
    image: ResolvedImage;
    startedAt: number;
    predictMs: number;
    resolveImageMs: number;
    claimMs: number;
  }): Promise<Environment> {
    const { id, applicationId, endpointId, correlationId, resolved, image } = input;
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
        predictMs: input.predictMs,
        resolveImageMs: input.resolveImageMs,
        claimMs: input.claimMs,
        createContainerMs: runtime.createContainerMs,
        startContainerMs: runtime.startContainerMs,
        readyMs: runtime.readyMs,
        totalMs: msSince(input.startedAt),
      };
      const record = await this.environments.markRunning(id, {
        path: image.match === ImageMatch.Exact ? 'cold_specialized' : 'cold_fallback',
        runtime,
        timings,
        predictedHash: resolved.contentHash,
      });
      await this.warmPools
        .noteColdStart(poolIdentityOf(applicationId, endpointId, resolved, image))
        .catch((error: Error) => this.logger.warn({ error: error.message }, 'could not note the cold start for the pools'));
      this.logger.info({ environmentId: id, applicationId, endpointId, timings, resolution: resolved.source }, 'environment provisioned cold');
      return toEnvironment(record, resolved);
    } catch (error) {
      await this.environments.markFailed(id, error instanceof Error ? error.message : String(error));
      throw error;
    }
  }

  private warmEnvironment(
    claimed: ClaimedEnvironment,
    context: {
      applicationId: string;
      endpointId: string;
      correlationId: string;
      resolved: ResolvedProfile;
      image: ResolvedImage;
      timings: ProvisionTimings;
    },
  ): Environment {
    const { resolved } = context;
    const match = claimed.imageMatch as NonNullable<Environment['image']['match']>;
    return {
      id: claimed.id,
      applicationId: context.applicationId,
      endpointId: context.endpointId,
      state: 'running',
      path: 'warm_hit',
      image: { ref: claimed.imageRef, hash: claimed.imageHash, match },
      profile: { id: resolved.profileId, version: resolved.version, source: resolved.isDefault ? 'default' : 'model', value: resolved.profile },
      container: { id: claimed.containerId, memoryBytes: Number(claimed.memoryBytes), nanoCpus: Number(claimed.nanoCpus) },
      endpoint: { host: claimed.host, port: claimed.port, url: `http://${claimed.host}:${claimed.port}` },
      timings: context.timings,
      resolution: { profileSource: resolved.source, imageMatch: match, buildEnqueued: context.image.buildEnqueued, warm: true },
      correlationId: context.correlationId,
      createdAt: claimed.createdAt.toISOString(),
      removedAt: null,
    };
  }
}
