import { Injectable } from '@nestjs/common';

import { PreparedBatch, ProfilingEventRepository, StoredBatch, uuidOf } from './profiling-event.repository';

/** transactions in flight at once: with one, every batch that arrives meanwhile joins the next (2 measured no faster) */
const CONCURRENT_TRANSACTIONS = 1;
/** a transaction takes waiting batches up to this many events (a single larger batch still goes alone) */
const MAX_EVENTS_PER_TRANSACTION = 20_000;

interface Waiting {
  batch: PreparedBatch;
  resolve: (stored: StoredBatch) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: the batches that arrive while a transaction is in flight are written together in the next one. Their
 * rollup deltas are summed first, so rollup rows are updated once per transaction instead of once per batch, and one
 * WAL flush acknowledges them all. Every batch is still answered only after the COMMIT that made it durable.
 */
@Injectable()
export class BatchWriter {
  private readonly waiting: Waiting[] = [];
  /** ids of the batches in flight: a copy of one (an agent's retry) waits for a later transaction */
  private readonly inFlight = new Set<string>();
  private transactions = 0;

  constructor(private readonly repository: ProfilingEventRepository) {}

  write(batch: PreparedBatch): Promise<StoredBatch> {
    return new Promise<StoredBatch>((resolve, reject) => {
      this.waiting.push({ batch, resolve, reject });
      this.startTransactions();
    });
  }

  private startTransactions(): void {
    while (this.transactions < CONCURRENT_TRANSACTIONS) {
      const group = this.takeGroup();
      if (group.length === 0) return;
      this.transactions += 1;
      void this.writeGroup(group).finally(() => {
        this.transactions -= 1;
        for (const { batch } of group) this.inFlight.delete(uuidOf(batch));
        this.startTransactions();
      });
    }
  }

  private takeGroup(): Waiting[] {
    const group: Waiting[] = [];
    let events = 0;
    for (let i = 0; i < this.waiting.length;) {
      const next = this.waiting[i] as Waiting;
      const id = uuidOf(next.batch);
      if (this.inFlight.has(id)) {
        i += 1;
        continue;
      }
      if (group.length > 0 && events + next.batch.eventCount > MAX_EVENTS_PER_TRANSACTION) break;
      this.waiting.splice(i, 1);
      this.inFlight.add(id);
      group.push(next);
      events += next.batch.eventCount;
    }
    return group;
  }

  private async writeGroup(group: Waiting[]): Promise<void> {
    try {
      const stored = await this.repository.storeBatches(group.map(({ batch }) => batch));
      group.forEach(({ resolve }, i) => resolve(stored[i] as StoredBatch));
    } catch (error) {
      if (group.length === 1) return (group[0] as Waiting).reject(error);
      // one batch may hold a value Postgres refuses: write each alone, so that only its sender gets the error
      for (const { batch, resolve, reject } of group) {
        await this.repository.storeBatches([batch]).then(([stored]) => resolve(stored as StoredBatch), reject);
      }
    }
  }
}
