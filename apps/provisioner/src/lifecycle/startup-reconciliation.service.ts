import { Injectable } from '@nestjs/common';
import { InjectConfig, InjectNamespace } from '@tailor/config';
import { TailorLabel } from '@tailor/docker';
import { PinoLogger } from 'nestjs-pino';

import { runtimeConfig, type RuntimeConfig } from '../config/provisioner-config.groups';
import { DockerEngines } from '../engines/docker-engines';
import { EnginePlacement } from '../engines/engine-placement';
import { EnvironmentRepository } from '../environments/environment.repository';
import { PoolContainerRepository } from '../pools/pool-container.repository';

export interface StartupReport {
  adopted: number;
  orphansRemoved: number;
  environmentsLost: number;
  poolRowsDropped: number;
}

/**
 * At start-up, makes Postgres and the engines agree: containers labelled as this namespace's that no live row knows
 * (orphans) are removed; running environments and idle pool containers whose container is gone or stopped are marked
 * failed / dropped; the rest is adopted (its memory reserved on its engine). Rows and containers younger than the
 * start-up grace belong to a provision in flight on another replica and are left alone.
 */
@Injectable()
export class StartupReconciliation {
  private readonly namespace: string;
  private readonly graceMs: number;

  constructor(
    private readonly engines: DockerEngines,
    private readonly placement: EnginePlacement,
    private readonly environments: EnvironmentRepository,
    private readonly poolContainers: PoolContainerRepository,
    private readonly logger: PinoLogger,
    @InjectNamespace() namespace: string,
    @InjectConfig(runtimeConfig) runtime: RuntimeConfig,
  ) {
    this.namespace = namespace;
    this.graceMs = 2 * runtime.readyTimeoutMs + 5_000;
  }

  async run(): Promise<StartupReport> {
    const report: StartupReport = { adopted: 0, orphansRemoved: 0, environmentsLost: 0, poolRowsDropped: 0 };
    const now = Date.now();
    const [environments, members] = await Promise.all([this.environments.live(), this.poolContainers.inPool()]);
    const runningContainers = new Set<string>();

    for (const engine of this.engines.all()) {
      const containers = await engine.docker.listContainers({
        all: true,
        filters: { label: [`${TailorLabel.Managed}=true`, `${TailorLabel.Namespace}=${this.namespace}`] },
      });
      for (const container of containers) {
        const labels = container.Labels ?? {};
        const kind = labels[TailorLabel.Kind];
        if (kind !== 'environment' && kind !== 'pool') continue;
        const running = container.State === 'running';
        const young = now - container.Created * 1000 < this.graceMs;
        const environment = environments.find((row) => row.containerId === container.Id);
        const member = members.find((row) => row.containerId === container.Id || row.id === labels[TailorLabel.PoolContainerId]);
        const creating = environments.find((row) => row.state === 'creating' && row.id === labels[TailorLabel.EnvironmentId]);
        if (running && environment?.state === 'running') {
          this.placement.reserve(environment.poolContainerId ?? environment.id, engine.name, Number(environment.memoryBytes ?? 0));
          runningContainers.add(container.Id);
          report.adopted += 1;
        } else if (running && member && member.state !== 'stopping' && (member.state === 'idle' || young)) {
          this.placement.reserve(member.id, engine.name, Number(member.memoryBytes));
          runningContainers.add(container.Id);
          report.adopted += 1;
        } else if (young && (creating || member)) {
          runningContainers.add(container.Id);
        } else {
          await engine.docker.getContainer(container.Id).remove({ force: true }).catch(() => undefined);
          report.orphansRemoved += 1;
        }
      }
    }

    for (const environment of environments) {
      const lost =
        (environment.state === 'running' && (!environment.containerId || !runningContainers.has(environment.containerId))) ||
        (environment.state === 'creating' && now - environment.createdAt.getTime() > this.graceMs);
      if (!lost) continue;
      await this.environments.markFailed(environment.id, 'its container was gone or stopped when the provisioner started');
      report.environmentsLost += 1;
    }
    for (const member of members) {
      const live = member.containerId && runningContainers.has(member.containerId) && member.state === 'idle';
      const inFlight = member.state === 'starting' && now - member.createdAt.getTime() < this.graceMs;
      if (live || inFlight) continue;
      await this.poolContainers.delete(member.id);
      report.poolRowsDropped += 1;
    }
    this.logger.info(report, 'start-up reconciliation: Postgres matches the engines');
    return report;
  }
}
