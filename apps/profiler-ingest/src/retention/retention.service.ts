import { Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectConfig } from '@tailor/config';
import { PinoLogger } from 'nestjs-pino';

import { type RetentionConfig, retentionConfig } from '../config/ingest-config.groups';
import { RetentionRepository } from './retention.repository';

const CHUNK = 10_000;

export interface PruneResult {
  cutoff: string;
  events: number;
  batches: number;
}

/** Prunes raw events older than RAW_EVENT_RETENTION_HOURS, in chunks, every RETENTION_PRUNE_INTERVAL_MS. Rollups stay. */
@Injectable()
export class RetentionService implements OnApplicationBootstrap, OnModuleDestroy {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private readonly retentionMs: number;
  private readonly intervalMs: number;

  constructor(
    private readonly repository: RetentionRepository,
    @InjectConfig(retentionConfig) retention: RetentionConfig,
    private readonly logger: PinoLogger,
  ) {
    this.retentionMs = retention.rawEventRetentionHours * 3_600_000;
    this.intervalMs = retention.pruneIntervalMs;
  }

  onApplicationBootstrap(): void {
    if (this.intervalMs === 0) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.prune()
        .catch((error: unknown) => this.logger.error({ err: error }, 'pruning raw events failed'))
        .finally(() => (this.running = undefined));
    }, this.intervalMs);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  async prune(now = new Date()): Promise<PruneResult> {
    const cutoff = new Date(now.getTime() - this.retentionMs);
    const events = await this.deleteAll((limit) => this.repository.deleteEventsRecordedBefore(cutoff, limit));
    const batches = await this.deleteAll((limit) => this.repository.deleteBatchesReceivedBefore(cutoff, limit));
    const result = { cutoff: cutoff.toISOString(), events, batches };
    if (events + batches > 0) this.logger.info(result, 'pruned raw events');
    return result;
  }

  private async deleteAll(deleteChunk: (limit: number) => Promise<number>): Promise<number> {
    let total = 0;
    for (;;) {
      const deleted = await deleteChunk(CHUNK);
      total += deleted;
      if (deleted < CHUNK) return total;
    }
  }
}
