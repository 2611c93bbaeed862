import { randomUUID } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import { InjectConfig } from '@tailor/config';
import type { PrewarmRequest, RuntimeProfile, WarmPool } from '@tailor/contracts';
import { PinoLogger } from 'nestjs-pino';

import { poolsConfig, type PoolsConfig } from '../config/provisioner-config.groups';
import { RuntimeLauncher } from '../engines/runtime-launcher';
import { ImageResolver } from '../resolution/image-resolver';
import { ProfileResolver } from '../resolution/profile-resolver';
import { ClaimedEnvironment, ClaimRequest, PoolContainerRecord, PoolContainerRepository } from './pool-container.repository';
import { poolIdentityOf } from './pool-identity';
import { PoolIdentity, WarmPoolRecord, WarmPoolRepository } from './warm-pool.repository';

/** Runs `tasks` with at most `limit` at once. */
export async function runLimited<T>(tasks: (() => Promise<T>)[], limit: number): Promise<PromiseSettledResult<T>[]> {
  const results: PromiseSettledResult<T>[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const index = next++;
      results[index] = await tasks[index]().then(
        (value) => ({ status: 'fulfilled', value }) as const,
        (reason: unknown) => ({ status: 'rejected', reason }) as const,
      );
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

/** The warm pools: containers started ahead of demand, claimed atomically by provisions, stopped when not needed. */
@Injectable()
export class WarmPoolService {
  private readonly startConcurrency: number;
  private readonly floor: number;
  private readonly floorMs: number;

  constructor(
    private readonly members: PoolContainerRepository,
    private readonly pools: WarmPoolRepository,
    private readonly launcher: RuntimeLauncher,
    private readonly profiles: ProfileResolver,
    private readonly images: ImageResolver,
    private readonly logger: PinoLogger,
    @InjectConfig(poolsConfig) poolsSettings: PoolsConfig,
  ) {
    this.startConcurrency = poolsSettings.startConcurrency;
    this.floor = poolsSettings.reactiveFloor;
    this.floorMs = poolsSettings.reactiveFloorMs;
  }

  claim(request: ClaimRequest): Promise<ClaimedEnvironment | null> {
    return this.members.claim(request);
  }

  /** After a cold start: the pool exists (so the reconciler sizes it) and keeps the reactive floor for a while. */
  async noteColdStart(identity: PoolIdentity): Promise<void> {
    const now = Date.now();
    await this.pools.upsert(identity, {
      lastProvisionAt: new Date(now),
      ...(this.floor > 0 && this.floorMs > 0 ? { floorUntil: new Date(now + this.floorMs) } : {}),
    });
  }

  /**
   * An operator's pre-warm: the pool keeps at least `size` containers for `minutes`. The reconciler (one replica at a
   * time) starts them; the answer is the pool as it is now.
   */
  async prewarm({ applicationId, endpointId, size, minutes }: PrewarmRequest, correlationId: string): Promise<WarmPool> {
    const resolved = await this.profiles.resolve(applicationId, endpointId, correlationId);
    const image = await this.images.resolve(resolved.contentHash, resolved.profile, correlationId);
    const pool = await this.pools.upsert(poolIdentityOf(applicationId, endpointId, resolved, image), {
      minSize: size,
      minSizeUntil: new Date(Date.now() + minutes * 60_000),
    });
    const view = (await this.list()).find((candidate) => candidate.profileHash === pool.profileHash);
    if (!view) throw new Error(`pool ${pool.profileHash} vanished while it was pre-warmed`);
    return view;
  }

  /** Starts `count` containers for the pool (at most POOL_START_CONCURRENCY at once); answers how many became idle. */
  async fill(pool: WarmPoolRecord, count: number): Promise<number> {
    if (count <= 0) return 0;
    const profile = pool.profile as RuntimeProfile;
    // every row is 'starting' before any container is, so that whoever counts the pool meanwhile counts them all
    const ids = await Promise.all(Array.from({ length: count }, () => this.createStarting(pool, profile)));
    const results = await runLimited(
      ids.map((id) => () => this.startOne(id, pool, profile)),
      this.startConcurrency,
    );
    const failed = results.filter((result) => result.status === 'rejected');
    if (failed.length > 0) {
      this.logger.warn(
        { profileHash: pool.profileHash, failed: failed.length, reason: String((failed[0] as PromiseRejectedResult).reason) },
        'some pool containers did not start',
      );
    }
    return results.length - failed.length;
  }

  /** Takes containers out of their pool (no claim can get them any more), then removes them. */
  async stop(ids: string[], reason: string): Promise<number> {
    const taken = await this.members.markStopping(ids);
    await Promise.all(taken.map((member) => this.removeMember(member)));
    if (taken.length > 0) this.logger.info({ count: taken.length, reason }, 'stopped pool containers');
    return taken.length;
  }

  /** A pool container died (Docker event): if it was still in the pool, it is removed and replaced. */
  async replaceDead(containerId: string): Promise<boolean> {
    const dead = await this.members.takeDead(containerId);
    if (!dead) return false;
    await this.removeMember(dead);
    const pool = await this.pools.find(dead.profileHash);
    this.logger.warn({ containerId, profileHash: dead.profileHash }, 'pool container died: replacing it');
    if (pool && pool.imageRef === dead.imageRef) await this.fill(pool, 1);
    return true;
  }

  async removeMember(member: PoolContainerRecord): Promise<void> {
    if (member.containerId) await this.launcher.remove(member.dockerHost, member.containerId, member.id).catch(() => undefined);
    await this.members.delete(member.id);
  }

  async list(): Promise<WarmPool[]> {
    const [pools, members] = await Promise.all([this.pools.all(), this.members.all()]);
    return pools.map((pool) => {
      const mine = members.filter((member) => member.profileHash === pool.profileHash);
      const count = (state: PoolContainerRecord['state']) => mine.filter((member) => member.state === state).length;
      return {
        profileHash: pool.profileHash,
        applicationId: pool.applicationId,
        endpointId: pool.endpointId,
        image: { ref: pool.imageRef, hash: pool.imageHash, match: pool.imageMatch },
        memoryMb: pool.memoryMb,
        targetSize: pool.targetSize,
        idle: count('idle'),
        starting: count('starting'),
        claimed: count('claimed'),
        minSize: pool.minSize,
        minSizeUntil: pool.minSizeUntil?.toISOString() ?? null,
        reconciledAt: pool.reconciledAt?.toISOString() ?? null,
      };
    });
  }

  private async createStarting(pool: WarmPoolRecord, profile: RuntimeProfile): Promise<string> {
    const id = randomUUID();
    await this.members.createStarting(
      {
        id,
        profileHash: pool.profileHash,
        applicationId: pool.applicationId,
        endpointId: pool.endpointId,
        imageRef: pool.imageRef,
        imageHash: pool.imageHash,
        imageMatch: pool.imageMatch,
      },
      '',
      profile.memoryMb * 1024 * 1024,
      profile.cpuMillis * 1_000_000,
    );
    return id;
  }

  private async startOne(id: string, pool: WarmPoolRecord, profile: RuntimeProfile): Promise<void> {
    try {
      const runtime = await this.launcher.launch({ id, kind: 'pool', imageRef: pool.imageRef, profileHash: pool.profileHash, profile });
      if (!(await this.members.markIdle(id, runtime))) {
        // stopped while it started: it never joins the pool
        await this.launcher.remove(runtime.dockerHost, runtime.containerId, id);
        await this.members.delete(id);
      }
    } catch (error) {
      await this.members.delete(id);
      throw error;
    }
  }
}
