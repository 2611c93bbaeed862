import { createHash } from 'node:crypto';

/**
 * One job per endpoint and window: every batch of the window enqueues the same id, so BullMQ keeps a single job.
 * Hashed, because endpoint ids contain ':' (which BullMQ refuses in custom ids) and may be long.
 */
export function dataChangedJobId(applicationId: string, endpointId: string, windowStart: number): string {
  const endpoint = createHash('sha256').update(`${applicationId}\n${endpointId}`).digest('hex').slice(0, 32);
  return `data-changed-${endpoint}-${windowStart}`;
}
