import type { PoolState } from './pool-state';

export interface IdleMemory {
  /** idle pool containers × time, in policy minutes */
  idleContainerMinutes: number;
  /** their memory × time, in MB · policy minutes */
  idleMbMinutes: number;
  /** containers still starting × time (memory already reserved, not yet claimable) */
  startingMbMinutes: number;
  samples: number;
}

/**
 * Samples the pools every `intervalMs` and integrates idle containers and their memory over time (each sample holds
 * until the next), in policy minutes of `minuteMs`.
 */
export class IdleMemorySampler {
  private readonly totals: IdleMemory = { idleContainerMinutes: 0, idleMbMinutes: 0, startingMbMinutes: 0, samples: 0 };
  private timer?: NodeJS.Timeout;
  private last?: { at: number; idle: number; idleMb: number; startingMb: number };
  private pending: Promise<void> = Promise.resolve();

  constructor(
    private readonly pools: PoolState,
    private readonly intervalMs: number,
    private readonly minuteMs: number,
  ) {}

  start(): void {
    this.timer = setInterval(() => (this.pending = this.pending.then(() => this.sample())), this.intervalMs);
  }

  async stop(): Promise<IdleMemory> {
    clearInterval(this.timer);
    await this.pending;
    await this.sample();
    return { ...this.totals };
  }

  private async sample(): Promise<void> {
    const members = await this.pools.members().catch(() => undefined);
    if (!members) return;
    const at = performance.now();
    if (this.last) {
      const minutes = (at - this.last.at) / this.minuteMs;
      this.totals.idleContainerMinutes += this.last.idle * minutes;
      this.totals.idleMbMinutes += this.last.idleMb * minutes;
      this.totals.startingMbMinutes += this.last.startingMb * minutes;
    }
    this.totals.samples += 1;
    this.last = {
      at,
      idle: members.idle?.count ?? 0,
      idleMb: members.idle?.memoryMb ?? 0,
      startingMb: members.starting?.memoryMb ?? 0,
    };
  }
}
