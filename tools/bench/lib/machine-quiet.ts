import { readFileSync } from 'node:fs';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** [busy, total] jiffies of all cores so far, from /proc/stat */
function cpuJiffies(): [number, number] {
  const [cpuLine = ''] = readFileSync('/proc/stat', 'utf8').split('\n');
  const fields = cpuLine.trim().split(/\s+/).slice(1).map(Number);
  const total = fields.reduce((sum, value) => sum + value, 0);
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0); // idle + iowait
  return [total - idle, total];
}

/**
 * Waits until the machine's cores are mostly idle (e.g. containers started just before have finished booting), so that
 * an isolated measurement does not time what the previous phase left running. Returns the busy fraction it saw last.
 */
export async function waitForQuietMachine({ busyBelow = 0.2, windowMs = 500, timeoutMs = 30_000 } = {}): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const [busyBefore, totalBefore] = cpuJiffies();
    await sleep(windowMs);
    const [busyAfter, totalAfter] = cpuJiffies();
    const busy = (busyAfter - busyBefore) / Math.max(1, totalAfter - totalBefore);
    if (busy < busyBelow || performance.now() > deadline) return busy;
  }
}
