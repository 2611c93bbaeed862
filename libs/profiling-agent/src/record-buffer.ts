import type { ProfilingData } from '@tailor/contracts';

/**
 * The records waiting to be sent, bounded: together with the batch in flight it never holds more than `capacity`
 * records. When full, the oldest waiting records are dropped and their invocations returned for counting.
 */
export class RecordBuffer {
  private queue: ProfilingData[] = [];
  private inFlight = 0;

  constructor(private readonly capacity: number) {}

  get length(): number {
    return this.queue.length;
  }

  get invocations(): number {
    return this.queue.reduce((sum, record) => sum + record.invocations, 0);
  }

  /** Appends records; returns the invocations of the records it had to drop to stay within its bound. */
  push(records: ProfilingData[]): number {
    this.queue.push(...records);
    const excess = this.queue.length + this.inFlight - this.capacity;
    if (excess <= 0) return 0;
    return this.queue.splice(0, excess).reduce((sum, record) => sum + record.invocations, 0);
  }

  /** Puts records of a split batch back at the front (they were counted within the bound already). */
  unshift(records: ProfilingData[]): void {
    this.queue.unshift(...records);
  }

  take(count: number): ProfilingData[] {
    return this.queue.splice(0, count);
  }

  setInFlight(records: number): void {
    this.inFlight = records;
  }
}
