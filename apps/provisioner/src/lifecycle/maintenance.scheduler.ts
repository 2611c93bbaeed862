import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectConfig } from '@tailor/config';
import { PinoLogger } from 'nestjs-pino';

import { environmentsConfig, type EnvironmentsConfig, poolsConfig, type PoolsConfig } from '../config/provisioner-config.groups';
import { EnvironmentRepository } from '../environments/environment.repository';
import { ProvisioningService } from '../environments/provisioning.service';
import { PolicyClock } from '../pools/policy-clock';
import { PoolReconciler } from '../pools/pool-reconciler.service';
import { ReconcileLease } from '../pools/reconcile-lease';
import { EngineEvents } from './engine-events.service';
import { StartupReconciliation } from './startup-reconciliation.service';

/** a policy minute's cycle starts this long after the minute does, so that it never counts as the minute before */
const MINUTE_START_MARGIN_MS = 5;

/**
 * The provisioner's background work. At start-up: Postgres is made to match the engines, then the engines' events are
 * watched. Every POOL_RECONCILE_INTERVAL_MS (with a compressed policy clock: at the start of each policy minute), the
 * replica holding the lease sizes the warm pools and reaps environments abandoned past ENVIRONMENT_TTL_MS.
 */
@Injectable()
export class MaintenanceScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private stopped = false;
  private running?: Promise<void>;
  private leader = false;
  private readonly intervalMs: number;
  private readonly ttlMs: number;

  constructor(
    private readonly startup: StartupReconciliation,
    private readonly events: EngineEvents,
    private readonly lease: ReconcileLease,
    private readonly reconciler: PoolReconciler,
    private readonly environments: EnvironmentRepository,
    private readonly provisioning: ProvisioningService,
    private readonly clock: PolicyClock,
    private readonly logger: PinoLogger,
    @InjectConfig(poolsConfig) pools: PoolsConfig,
    @InjectConfig(environmentsConfig) environmentsSettings: EnvironmentsConfig,
  ) {
    this.intervalMs = pools.reconcileIntervalMs;
    this.ttlMs = environmentsSettings.ttlMs;
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.startup.run();
    await this.events.start();
    if (this.clock.compressed) {
      this.atNextPolicyMinute();
      return;
    }
    this.timer = setInterval(() => void this.tick(), this.intervalMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    this.events.stop();
    await this.running;
    if (this.leader) await this.lease.release().catch(() => undefined);
  }

  /** One cycle, if this replica holds (or takes) the lease; cycles never overlap. */
  tick(): Promise<void> {
    if (this.running) return this.running;
    this.running = this.cycle()
      .catch((error: Error) => this.logger.error({ error: error.message }, 'maintenance cycle failed'))
      .finally(() => (this.running = undefined));
    return this.running;
  }

  /** Every policy minute gets its own cycle, after the previous one if that is still running. */
  private atNextPolicyMinute(): void {
    const now = Date.now();
    const next = this.clock.startOf(this.clock.minuteOf(now) + 1) + MINUTE_START_MARGIN_MS;
    this.timer = setTimeout(() => {
      if (this.stopped) return;
      void (this.running ?? Promise.resolve()).then(() => this.tick());
      this.atNextPolicyMinute();
    }, next - now);
    this.timer.unref();
  }

  private async cycle(): Promise<void> {
    const leader = await this.lease.acquire();
    if (leader && !this.leader) {
      this.logger.info({ holder: this.lease.holderId }, 'took the reconcile lease');
      this.reconciler.resetPolicy();
    }
    this.leader = leader;
    if (!leader) return;
    await this.lease.keptDuring(async () => {
      await this.reconciler.reconcile();
      await this.reap();
    });
  }

  private async reap(): Promise<void> {
    const abandoned = await this.environments.abandoned(new Date(Date.now() - this.ttlMs));
    for (const environment of abandoned) {
      await this.provisioning.remove(environment.id, 'reaped: no provision or invocation within ENVIRONMENT_TTL_MS');
    }
    if (abandoned.length > 0) this.logger.info({ count: abandoned.length }, 'reaped abandoned environments');
  }
}
