import type { Client } from 'pg';

/** What the live replay reads of one namespace's warm pools straight from Postgres (no load on the provisioner). */
export class PoolState {
  constructor(
    private readonly db: Client,
    private readonly namespace: string,
  ) {}

  /** Pool containers per state: how many, and the memory (MB) they reserve. */
  async members(): Promise<Record<string, { count: number; memoryMb: number }>> {
    const { rows } = await this.db.query<{ state: string; count: string; bytes: string }>(
      `SELECT state, count(*) AS count, coalesce(sum("memoryBytes"), 0) AS bytes
       FROM pool_containers WHERE namespace = $1 GROUP BY state`,
      [this.namespace],
    );
    return Object.fromEntries(
      rows.map((row) => [row.state, { count: Number(row.count), memoryMb: Number(row.bytes) / 2 ** 20 }]),
    );
  }

  /** When the reconciler last finished sizing the pools (null while there is no pool or it has not run). */
  async lastReconciledAt(): Promise<number | null> {
    const { rows } = await this.db.query<{ at: Date | null }>(
      `SELECT max("reconciledAt") AS at FROM warm_pools WHERE namespace = $1`,
      [this.namespace],
    );
    return rows[0]?.at ? rows[0].at.getTime() : null;
  }

  async poolCount(): Promise<number> {
    const { rows } = await this.db.query<{ count: string }>(
      `SELECT count(*) AS count FROM warm_pools WHERE namespace = $1`,
      [this.namespace],
    );
    return Number(rows[0]?.count ?? 0);
  }
}
