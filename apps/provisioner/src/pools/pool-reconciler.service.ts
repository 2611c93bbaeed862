import { randomUUID } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import { InjectConfig } from '@tailor/config';
import type { ForecastWarmPoolsReply, RuntimeProfile } from '@tailor/contracts';
import { createKeepWarmPolicy, type KeepWarmPolicy, shouldKeepLoaded } from '@tailor/warm-policy';
import { PinoLogger } from 'nestjs-pino';

import { poolsConfig, type PoolsConfig, warmPolicyConfig, type WarmPolicyConfig } from '../config/provisioner-config.groups';
import { PeerAppsGateway } from '../rpc-clients/peer-apps.gateway';
import { ImageResolver } from '../resolution/image-resolver';
import { ArrivalCounter } from './arrival-counter';
import { PoolContainerRepository } from './pool-container.repository';
import { PolicyClock } from './policy-clock';
import { allocateBudget, planPool, type PoolDemand, poolDemand } from './pool-sizing';
import { runLimited, WarmPoolService } from './warm-pool.service';
import { WarmPoolRecord, WarmPoolRepository } from './warm-pool.repository';

const HISTORY_MINUTES = 180;
const FORECAST_HORIZON_MINUTES = 2;

export interface ReconcileReport {
  minute: number;
  forecast: 'predictor' | 'policy';
  targets: Record<string, number>;
  started: number;
  stopped: number;
}

/**
 * Sizes the warm pools (the leader runs it every POOL_RECONCILE_INTERVAL_MS): for each pool, the containers the
 * predictor's forecast asks for through Tailor's keep-warm rule (or, for the fixed and hybrid policies and while the
 * predictor does not answer, the online keep-warm policy of @tailor/warm-policy observing the provisions per minute),
 * at least the reactive floor after a cold start and an operator's pre-warm (how long an idle pool stays loaded is the
 * policy's decision alone, as in the offline replay: fixed-K keeps it K minutes); then the global memory budget is shared by expected benefit, containers of a superseded image
 * are replaced and idle ones past the target are stopped.
 */
@Injectable()
export class PoolReconciler {
  private policy: KeepWarmPolicy;
  private observedUntil = Number.NaN;

  constructor(
    private readonly pools: WarmPoolRepository,
    private readonly members: PoolContainerRepository,
    private readonly warmPools: WarmPoolService,
    private readonly arrivals: ArrivalCounter,
    private readonly peerApps: PeerAppsGateway,
    private readonly images: ImageResolver,
    private readonly clock: PolicyClock,
    private readonly logger: PinoLogger,
    @InjectConfig(poolsConfig) private readonly sizing: PoolsConfig,
    @InjectConfig(warmPolicyConfig) private readonly warmPolicy: WarmPolicyConfig,
  ) {
    this.policy = createKeepWarmPolicy(this.warmPolicy.settings);
  }

  /** A replica that just took the lease starts from a fresh policy and replays the stored history. */
  resetPolicy(): void {
    this.policy = createKeepWarmPolicy(this.warmPolicy.settings);
    this.observedUntil = Number.NaN;
  }

  async reconcile(now = Date.now()): Promise<ReconcileReport> {
    const minute = this.clock.minuteOf(now);
    const pools = await this.pools.all();
    for (const pool of pools) {
      this.policy.register({ key: pool.profileHash, appKey: pool.applicationId, trigger: 'http', memoryMb: pool.memoryMb });
    }
    await this.observeArrivals(minute, new Set(pools.map((pool) => pool.profileHash)));
    const forecast = await this.forecast();

    const demands = pools.map((pool) => this.demandOf(pool, minute, now, forecast));
    const allocation = allocateBudget(demands, this.sizing.memoryBudgetMb, this.sizing.maxSize);

    const members = await this.members.inPool();
    let started = 0;
    let stopped = 0;
    const fills: (() => Promise<number>)[] = [];
    for (const pool of pools) {
      const current = await this.currentImage(pool);
      const plan = planPool(
        members.filter((member) => member.profileHash === pool.profileHash),
        allocation.get(pool.profileHash) ?? 0,
        current.imageRef,
      );
      stopped += await this.warmPools.stop(plan.stop, 'reconcile');
      if (plan.start > 0) fills.push(() => this.warmPools.fill(current, plan.start));
    }
    for (const result of await runLimited(fills, 2)) if (result.status === 'fulfilled') started += result.value;
    await this.pools.setTargets(allocation, new Date(now));
    const report = {
      minute,
      forecast: forecast ? ('predictor' as const) : ('policy' as const),
      targets: Object.fromEntries(allocation),
      started,
      stopped,
    };
    if (started > 0 || stopped > 0) this.logger.info(report, 'reconciled warm pools');
    return report;
  }

  private demandOf(pool: WarmPoolRecord, minute: number, now: number, forecast: Map<string, ForecastEntry> | null): PoolDemand {
    const predicted = this.warmPolicy.settings.WARM_POLICY === 'tailor' ? forecast?.get(`${pool.applicationId}\u0000${pool.endpointId}`) : undefined;
    // the predictor's probability for this minute and the next (a container takes a moment to start)
    const benefit = predicted ? Math.max(...predicted.probabilities.slice(0, FORECAST_HORIZON_MINUTES), 0) : 0;
    return poolDemand(pool, {
      now,
      reactiveFloor: this.sizing.reactiveFloor,
      forecast: predicted && {
        benefit,
        worthKeeping: shouldKeepLoaded(benefit, pool.memoryMb, this.warmPolicy.settings.WARM_POLICY_COST_RATIO),
        expectedConcurrency: predicted.expectedConcurrency,
      },
      policy: () => {
        const decision = this.policy.decide(pool.profileHash, minute, { prewarmHorizon: 1 });
        return { keepLoaded: decision.keepLoaded, expectedConcurrency: decision.expectedConcurrency, prewarmNextMinute: decision.prewarmAt === minute + 1 };
      },
    });
  }

  /** The pool's best image now: once the specialized image is built, the pool switches to it. */
  private async currentImage(pool: WarmPoolRecord): Promise<WarmPoolRecord> {
    if (pool.imageMatch === 'exact') return pool;
    const profile = pool.profile as RuntimeProfile;
    try {
      const image = await this.images.resolve(pool.profileHash, profile, `reconcile-${randomUUID()}`);
      if (image.imageRef === pool.imageRef) return pool;
      return await this.pools.upsert({
        profileHash: pool.profileHash,
        applicationId: pool.applicationId,
        endpointId: pool.endpointId,
        profile,
        profileId: pool.profileId,
        imageRef: image.imageRef,
        imageHash: image.imageHash,
        imageMatch: image.match,
      });
    } catch (error) {
      this.logger.warn({ profileHash: pool.profileHash, error: (error as Error).message }, 'could not resolve the pool image');
      return pool;
    }
  }

  private async observeArrivals(minute: number, keys: Set<string>): Promise<void> {
    const from = Number.isNaN(this.observedUntil) ? minute - HISTORY_MINUTES : this.observedUntil + 1;
    for (let m = from; m < minute; m++) {
      for (const [key, count] of await this.arrivals.countsOf(m)) if (keys.has(key)) this.policy.observe(key, m, count);
    }
    this.observedUntil = minute - 1;
  }

  private async forecast(): Promise<Map<string, ForecastEntry> | null> {
    if (this.warmPolicy.settings.WARM_POLICY !== 'tailor') return null;
    try {
      const reply: ForecastWarmPoolsReply = await this.peerApps.forecastWarmPools(`reconcile-${randomUUID()}`, FORECAST_HORIZON_MINUTES);
      return new Map(reply.endpoints.map((endpoint) => [`${endpoint.applicationId}\u0000${endpoint.endpointId}`, endpoint]));
    } catch (error) {
      this.logger.debug({ error: (error as Error).message }, 'no forecast from the predictor: the online policy decides');
      return null;
    }
  }
}

interface ForecastEntry {
  probabilities: number[];
  expectedConcurrency: number;
}
