import { readFileSync } from 'node:fs';

import type { Client } from 'pg';

const TICK_MS = 10; // USER_HZ is 100 on Linux

/** CPU time (user + system, ms) a process has used so far, from /proc/<pid>/stat; 0 once it is gone. */
export function processCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // the command name (field 2) may hold spaces and parentheses: the fields after it start past the last ')'
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return 0;
  }
}

export interface CpuUse {
  nodeMs: number;
  postgresMs: number;
}

/**
 * The CPU a run cost, whatever else the shared machine was doing: the given Node processes and the Postgres backends
 * connected to `monitor`'s database (a backend that connects during the run counts from zero; the WAL writer and
 * checkpointer, shared with other databases, are not counted).
 */
export async function measureCpu<T extends object>(monitor: Client, nodePids: number[], run: () => Promise<T>): Promise<T & { cpu: CpuUse }> {
  const backends = async () =>
    (
      await monitor.query<{ pid: number }>(
        'SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
      )
    ).rows.map((row) => row.pid);
  const before = new Map((await backends()).map((pid) => [pid, processCpuMs(pid)]));
  const nodeCpu = () => nodePids.reduce((sum, pid) => sum + processCpuMs(pid), 0);
  const nodeBefore = nodeCpu();
  const result = await run();
  const nodeMs = nodeCpu() - nodeBefore;
  const postgresMs = (await backends()).reduce((sum, pid) => sum + processCpuMs(pid) - (before.get(pid) ?? 0), 0);
  return { ...result, cpu: { nodeMs, postgresMs } };
}
