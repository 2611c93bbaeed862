import { readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';

import { Injectable } from '@nestjs/common';
import { InjectConfig } from '@tailor/config';

import { statusConfig, type StatusConfig } from '../config/provisioner-config.groups';
import { renderStatusPage, type StatusSnapshot } from './status-page.view';
import { StatusRepository } from './status.repository';

const REPLAY_JSON = 'keep-warm-replay.json';
const REPLAY_SVG = 'keep-warm-replay.svg';

/** The status page: Tailor's state in Postgres (pools, provisions, images, model) and the latest keep-warm replay. */
@Injectable()
export class StatusService {
  private readonly replayDir: string;
  private readonly refreshSeconds: number;

  constructor(
    private readonly status: StatusRepository,
    @InjectConfig(statusConfig) statusSettings: StatusConfig,
  ) {
    this.replayDir = resolve(statusSettings.replayDir);
    this.refreshSeconds = statusSettings.refreshSeconds;
  }

  async page(): Promise<string> {
    return renderStatusPage(await this.snapshot());
  }

  async snapshot(): Promise<StatusSnapshot> {
    const [environments, counts, pools, poolContainers, images, models, replay] = await Promise.all([
      this.status.recentEnvironments(),
      this.status.environmentCounts(),
      this.status.warmPools(),
      this.status.poolContainersByState(),
      this.status.images(),
      this.status.models(),
      this.replay(),
    ]);
    const containers = new Map<string, Record<string, number>>();
    for (const row of poolContainers) {
      containers.set(row.profileHash, { ...containers.get(row.profileHash), [row.state]: row._count._all });
    }
    return {
      generatedAt: new Date(),
      refreshSeconds: this.refreshSeconds,
      counts,
      environments,
      pools: pools.map((pool) => ({ ...pool, containers: containers.get(pool.profileHash) ?? {} })),
      images,
      models,
      replay,
    };
  }

  /** The keep-warm replay's plot, when `npm run replay` has written one. */
  async replaySvg(): Promise<Buffer | null> {
    return readFile(join(this.replayDir, REPLAY_SVG)).catch(() => null);
  }

  private async replay(): Promise<StatusSnapshot['replay']> {
    const svg = await stat(join(this.replayDir, REPLAY_SVG)).catch(() => null);
    if (!svg) return null;
    const summary = await readFile(join(this.replayDir, REPLAY_JSON), 'utf8')
      .then((text) => JSON.parse(text) as { generatedAt?: string })
      .catch(() => null);
    return { generatedAt: summary?.generatedAt ?? svg.mtime.toISOString(), directory: this.replayDir };
  }
}
