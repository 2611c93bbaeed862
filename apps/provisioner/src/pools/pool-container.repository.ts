import { Injectable } from '@nestjs/common';
import { InjectNamespace } from '@tailor/config';
import type { ImageMatch, ProfileResolution, ProvisionTimings } from '@tailor/contracts';
import { Prisma, PrismaService } from '@tailor/prisma';

import type { LaunchedRuntime } from '../engines/runtime-launcher';
import { FeedbackRepository } from '../feedback/feedback.repository';

export type PoolContainerRecord = Prisma.PoolContainerGetPayload<object>;

export interface NewPoolContainer {
  id: string;
  profileHash: string;
  applicationId: string;
  endpointId: string;
  imageRef: string;
  imageHash: string;
  imageMatch: ImageMatch;
}

export interface ClaimRequest {
  profileHash: string;
  imageRef: string;
  environmentId: string;
  applicationId: string;
  endpointId: string;
  profileId: string | null;
  profileSource: ProfileResolution;
  buildEnqueued: boolean;
  correlationId: string;
  predictedHash: string;
  timings: ProvisionTimings;
}

/** The environment row a claim wrote, as stored (its counters as numbers). */
export interface ClaimedEnvironment {
  id: string;
  applicationId: string;
  endpointId: string;
  state: 'running';
  path: 'warm_hit';
  containerId: string;
  dockerHost: string;
  host: string;
  port: number;
  memoryBytes: number;
  nanoCpus: number;
  imageRef: string;
  imageHash: string;
  imageMatch: ImageMatch;
  profileSource: ProfileResolution;
  buildEnqueued: boolean;
  timings: Prisma.JsonValue;
  correlationId: string;
  createdAt: Date;
  removedAt: null;
}

const CLAIM_STATEMENT = `
  WITH claimed AS (
    UPDATE pool_containers SET state = 'claimed', "claimedAt" = now(), "environmentId" = $1::uuid
    WHERE id = (
      SELECT id FROM pool_containers
      WHERE "profileHash" = $2 AND "imageRef" = $3 AND state = 'idle' AND namespace = $4
      ORDER BY "idleSince" ASC LIMIT 1 FOR UPDATE SKIP LOCKED
    )
    RETURNING *
  ), environment AS (
    INSERT INTO environments (id, "applicationId", "endpointId", state, path, "profileId", "imageRef", "imageHash",
      "containerId", "dockerHost", host, port, "memoryBytes", "nanoCpus", "correlationId", timings, "readyAt",
      "profileSource", "imageMatch", "buildEnqueued", "poolContainerId", "lastActiveAt", namespace)
    SELECT $1::uuid, $5, $6, 'running', 'warm_hit', $7::uuid, c."imageRef", c."imageHash", c."containerId",
      c."dockerHost", c.host, c.port, c."memoryBytes", c."nanoCpus", $8, $9::jsonb, now(), $10::"ProfileResolution",
      c."imageMatch", $11, c.id, now(), c.namespace
    FROM claimed c
    RETURNING id, "applicationId", "endpointId", state, path, "containerId", "dockerHost", host, port,
      "memoryBytes"::float8 AS "memoryBytes", "nanoCpus"::float8 AS "nanoCpus", "imageRef", "imageHash", "imageMatch",
      "profileSource", "buildEnqueued", timings, "correlationId", "createdAt", "removedAt"
  ), ${FeedbackRepository.warmHitFeedbackStatement({ timeToReadyMs: '$12', imagePredictedHash: '$13' })}
  SELECT * FROM environment`;

@Injectable()
export class PoolContainerRepository {
  /** a provisioner claims, reconciles and replaces only the pool containers of its TAILOR_NAMESPACE */
  private readonly namespace: string;

  constructor(
    private readonly prisma: PrismaService,
    @InjectNamespace() namespace: string,
  ) {
    this.namespace = namespace;
  }

  /**
   * Claims one idle container of the pool and turns it into a running environment with its feedback row, in one
   * statement: `FOR UPDATE SKIP LOCKED` makes concurrent claims (of every replica) take different rows, so no container
   * is ever handed out twice. Null when the pool has no idle container of that image. The hottest statement of a warm
   * hit, so it is a named prepared statement on Prisma's own connections, planned once per connection.
   */
  async claim(request: ClaimRequest): Promise<ClaimedEnvironment | null> {
    const { rows } = await this.prisma.pool.query<ClaimedEnvironment>({
      name: 'pool-claim',
      text: CLAIM_STATEMENT,
      values: [
        request.environmentId,
        request.profileHash,
        request.imageRef,
        this.namespace,
        request.applicationId,
        request.endpointId,
        request.profileId,
        request.correlationId,
        JSON.stringify(request.timings),
        request.profileSource,
        request.buildEnqueued,
        request.timings.totalMs,
        request.predictedHash,
      ],
    });
    return rows[0] ?? null;
  }

  async createStarting(member: NewPoolContainer, dockerHost: string, memoryBytes: number, nanoCpus: number): Promise<void> {
    await this.prisma.poolContainer.create({
      data: { ...member, state: 'starting', dockerHost, host: '', port: 0, memoryBytes, nanoCpus, namespace: this.namespace },
    });
  }

  async markIdle(id: string, runtime: LaunchedRuntime): Promise<boolean> {
    const { count } = await this.prisma.poolContainer.updateMany({
      where: { id, state: 'starting' },
      data: {
        state: 'idle',
        containerId: runtime.containerId,
        dockerHost: runtime.dockerHost,
        host: runtime.host,
        port: runtime.port,
        memoryBytes: runtime.memoryBytes,
        nanoCpus: runtime.nanoCpus,
        idleSince: new Date(),
      },
    });
    return count === 1;
  }

  /** Takes idle (or starting) containers out of the pool so that no claim can hand them out any more. */
  async markStopping(ids: string[]): Promise<PoolContainerRecord[]> {
    if (ids.length === 0) return [];
    return this.prisma.poolContainer.updateManyAndReturn({
      where: { id: { in: ids }, state: { in: ['idle', 'starting'] } },
      data: { state: 'stopping' },
    });
  }

  /** The pool container of an engine container that died, if it was still in the pool (only one replica gets it). */
  async takeDead(containerId: string): Promise<PoolContainerRecord | null> {
    const rows = await this.prisma.poolContainer.updateManyAndReturn({
      where: { containerId, state: { in: ['idle', 'starting'] }, namespace: this.namespace },
      data: { state: 'stopping' },
    });
    return rows[0] ?? null;
  }

  async delete(id: string): Promise<void> {
    await this.prisma.poolContainer.deleteMany({ where: { id } });
  }

  /** Claimed containers are the environment's from then on: their pool rows are history. */
  async deleteClaimedBy(environmentId: string): Promise<void> {
    await this.prisma.poolContainer.deleteMany({ where: { environmentId } });
  }

  inPool(): Promise<PoolContainerRecord[]> {
    return this.prisma.poolContainer.findMany({ where: { state: { in: ['idle', 'starting', 'stopping'] }, namespace: this.namespace } });
  }

  all(): Promise<PoolContainerRecord[]> {
    return this.prisma.poolContainer.findMany({ where: { namespace: this.namespace } });
  }
}
