import { Injectable } from '@nestjs/common';
import { InjectNamespace } from '@tailor/config';
import { TailorLabel } from '@tailor/docker';
import { PinoLogger } from 'nestjs-pino';

import { DockerEngine, DockerEngines } from '../engines/docker-engines';
import { RuntimeLauncher } from '../engines/runtime-launcher';
import { EnvironmentRepository } from '../environments/environment.repository';
import { WarmPoolService } from '../pools/warm-pool.service';

const RECONNECT_MS = 1000;

interface DockerEvent {
  Type?: string;
  Action?: string;
  id?: string;
  Actor?: { ID?: string; Attributes?: Record<string, string> };
}

/**
 * Watches the engines' events for this namespace's containers that die: a pool container is replaced, an environment is
 * marked failed (and its container removed). Each death is taken by one replica only (a conditional update of its row);
 * deaths the provisioner caused itself find their row already out of the running or idle state.
 */
@Injectable()
export class EngineEvents {
  private readonly namespace: string;
  private readonly streams = new Set<NodeJS.ReadableStream & { destroy?: () => void }>();
  private stopped = false;

  constructor(
    private readonly engines: DockerEngines,
    private readonly warmPools: WarmPoolService,
    private readonly environments: EnvironmentRepository,
    private readonly launcher: RuntimeLauncher,
    private readonly logger: PinoLogger,
    @InjectNamespace() namespace: string,
  ) {
    this.namespace = namespace;
  }

  async start(): Promise<void> {
    await Promise.all(this.engines.all().map((engine) => this.watch(engine)));
  }

  stop(): void {
    this.stopped = true;
    for (const stream of this.streams) stream.destroy?.();
    this.streams.clear();
  }

  /** Handles one died container (exported for the events stream and for tests). */
  async onDied(engine: DockerEngine, containerId: string, exitCode: string | undefined): Promise<void> {
    if (await this.warmPools.replaceDead(containerId)) return;
    const failed = await this.environments.failByContainer(containerId, `its container exited (code ${exitCode ?? 'unknown'})`);
    if (!failed) return;
    this.logger.warn({ environmentId: failed.id, containerId, exitCode }, 'environment container died: environment failed');
    await this.launcher.remove(engine.name, containerId, failed.poolContainerId ?? failed.id).catch(() => undefined);
  }

  private async watch(engine: DockerEngine): Promise<void> {
    if (this.stopped) return;
    try {
      const stream = (await engine.docker.getEvents({
        filters: {
          type: ['container'],
          event: ['die'],
          label: [`${TailorLabel.Managed}=true`, `${TailorLabel.Namespace}=${this.namespace}`],
        },
      })) as NodeJS.ReadableStream & { destroy?: () => void };
      this.streams.add(stream);
      let buffered = '';
      stream.on('data', (chunk: Buffer) => {
        buffered += chunk.toString();
        let newline: number;
        while ((newline = buffered.indexOf('\n')) >= 0) {
          const line = buffered.slice(0, newline).trim();
          buffered = buffered.slice(newline + 1);
          if (line) this.dispatch(engine, line);
        }
      });
      const reconnect = () => {
        this.streams.delete(stream);
        if (!this.stopped) setTimeout(() => void this.watch(engine), RECONNECT_MS).unref();
      };
      stream.once('end', reconnect);
      stream.once('error', reconnect);
    } catch (error) {
      this.logger.warn({ engine: engine.name, error: (error as Error).message }, 'cannot watch engine events: retrying');
      if (!this.stopped) setTimeout(() => void this.watch(engine), RECONNECT_MS).unref();
    }
  }

  private dispatch(engine: DockerEngine, line: string): void {
    let event: DockerEvent;
    try {
      event = JSON.parse(line) as DockerEvent;
    } catch {
      return;
    }
    const containerId = event.Actor?.ID ?? event.id;
    if (event.Action !== 'die' || !containerId) return;
    this.onDied(engine, containerId, event.Actor?.Attributes?.exitCode).catch((error: Error) =>
      this.logger.error({ containerId, error: error.message }, 'could not handle a died container'),
    );
  }
}
