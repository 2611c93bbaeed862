import { createHash } from 'node:crypto';

import type { ProfilingBatch, ProfilingData } from '@tailor/contracts';

/**
 * A batch's raw events as the bodies of Postgres array literals, one per column of INSERT_EVENTS (in its order), so
 * that the events of several batches go in one statement by joining their bodies. Numbers and timestamps (digits and
 * `-:.TZ+` only, by the schema) are written as they are; strings are quoted and escaped.
 */
export interface EventRows {
  columns: string[];
  /** the batch's distinct library lists: SHA-256 of the JSON text → the JSON text */
  librarySets: Map<string, string>;
}

const quoted = (value: string): string => `"${value.replace(/[\\"]/g, '\\$&')}"`;
/** a batch's ids and versions repeat: each distinct string is quoted once */
const quotedOnce = () => {
  const done = new Map<string, string>();
  return (value: string): string => {
    let literal = done.get(value);
    if (literal === undefined) done.set(value, (literal = quoted(value)));
    return literal;
  };
};

export const librarySetHash = (json: string): string => createHash('sha256').update(json).digest('hex');

export function eventRows(batchId: string, events: ProfilingData[]): EventRows {
  /** records that share a list share the array (see ProfilingBatchPipe): each list is serialised and hashed once */
  const hashes = new Map<ProfilingData['libraries'], string>();
  const librarySets = new Map<string, string>();
  const hashOf = (libraries: ProfilingData['libraries']): string => {
    let hash = hashes.get(libraries);
    if (hash === undefined) {
      const json = JSON.stringify(libraries);
      hash = librarySetHash(json);
      hashes.set(libraries, hash);
      librarySets.set(hash, json);
    }
    return hash;
  };
  const column = (get: (event: ProfilingBatch['events'][number]) => number | string): string =>
    events.map(get).join(',');
  const batch = quoted(batchId);
  const text = quotedOnce();
  return {
    columns: [
      column(() => batch),
      column((e) => text(e.applicationId)),
      column((e) => text(e.endpointId)),
      column((e) => text(e.language)),
      column((e) => text(e.languageVersion)),
      column((e) => hashOf(e.libraries)),
      column((e) => e.invocations),
      column((e) => e.cpuTimeMs),
      column((e) => e.memory.rssBytes),
      column((e) => e.memory.heapUsedBytes),
      column((e) => e.memory.peakRssBytes),
      column((e) => e.io.readBytes),
      column((e) => e.io.writeBytes),
      column((e) => e.requestBytes),
      column((e) => e.responseBytes),
      column((e) => e.executionTimeMs),
      column((e) => e.timestamp),
    ],
    librarySets,
  };
}
