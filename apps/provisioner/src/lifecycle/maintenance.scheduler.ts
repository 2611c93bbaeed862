import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { PinoLogger } from 'nestjs-pino';

import type { ProvisionerEnv } from '../config/provisioner-env.schema';
import { EnvironmentRepository } from '../environments/environment.repository';
import { ProvisioningService } from '../environments/provisioning.service';
import { PoolReconciler } from '../pools/pool-reconciler.service';
import { ReconcileLease } from '../pools/reconcile-lease';
import { EngineEvents } from './engine-events.service';
import { StartupReconciliation } from './startup-reconciliation.service';

/**
 * The provisioner's background work. At start-up: Postgres is made to match the engines, then the engines' events are
 * watched. Every POOL_RECONCILE_INTERVAL_MS, the replica holding the lease sizes the warm pools and reaps environments
 * abandoned past ENVIRONMENT_TTL_MS.
 */
@Injectable()
export class MaintenanceScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
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
    private readonly logger: PinoLogger,
    config: ConfigService<ProvisionerEnv, true>,
  ) {
    this.intervalMs = config.get('POOL_RECONCILE_INTERVAL_MS', { infer: true });
    this.ttlMs = config.get('ENVIRONMENT_TTL_MS', { infer: true });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.startup.run();
    await this.events.start();
    this.timer = setInterval(() => void this.tick(), this.intervalMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
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

  private async cycle(): Promise<void> {
    const leader = await this.lease.acquire();
    if (leader && !this.leader) {
      this.logger.info({ holder: this.lease.holderId }, 'took the reconcile lease');
      this.reconciler.resetPolicy();
    }
    this.leader = leader;
    if (!leader) return;
    await this.reconciler.reconcile();
    await this.reap();
  }

  private async reap(): Promise<void> {
    const abandoned = await this.environments.abandoned(new Date(Date.now() - this.ttlMs));
    for (const environment of abandoned) {
      await this.provisioning.remove(environment.id, 'reaped: no provision or invocation within ENVIRONMENT_TTL_MS');
    }
    if (abandoned.length > 0) this.logger.info({ count: abandoned.length }, 'reaped abandoned environments');
  }
}
