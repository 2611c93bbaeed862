import { readlinkSync } from 'node:fs';
import { constants, setPriority } from 'node:os';

/**
 * Lowers the calling thread's CPU priority (nice 10) so that the threads serving requests win the cores while it
 * trains. Linux only: /proc/thread-self names the thread, and setpriority on a thread id applies to that thread
 * alone. Elsewhere, or where refused, the thread keeps its priority.
 */
export function lowerThisThreadPriority(): boolean {
  try {
    const threadId = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (!Number.isInteger(threadId) || threadId <= 0) return false;
    setPriority(threadId, constants.priority.PRIORITY_BELOW_NORMAL);
    return true;
  } catch {
    return false;
  }
}
