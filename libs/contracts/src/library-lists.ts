import type { z } from 'zod';

import type { AgentReport, ProfilingBatchWire, ProfilingData } from './profiling-data.schema';
import type { Library } from './runtime-profile.schema';

/** A batch with every record's libraries inline: what ProfilingBatchSchema gives. */
export interface ResolvedProfilingBatch {
  batchId: string;
  events: ProfilingData[];
  agent?: AgentReport;
}

/**
 * ProfilingBatchSchema's last step: gives each record the list its `libraryList` names as its `libraries` (the same
 * array for every record naming it) and drops the indices. An index past the batch's lists is an issue naming the
 * record and the field. Works in place on zod's output.
 */
export function resolveLibraryLists(batch: ProfilingBatchWire, ctx: z.RefinementCtx): ResolvedProfilingBatch {
  const lists = batch.libraryLists ?? [];
  batch.events.forEach((event, index) => {
    const { libraryList } = event;
    if (libraryList < lists.length) {
      inlineLibraryList(event, lists[libraryList] as Library[]);
    } else {
      const message = `must be the index of one of the batch's ${lists.length} libraryLists`;
      ctx.addIssue({ code: 'custom', path: ['events', index, 'libraryList'], message, input: libraryList });
    }
  });
  delete batch.libraryLists;
  return batch as unknown as ResolvedProfilingBatch;
}

/**
 * Gives a record that names one of its batch's lists that list as `libraries`, in place. `libraryList` is deleted before
 * `libraries` is added: deleting a record's last property keeps its fast properties, the other order does not.
 */
export function inlineLibraryList(record: { libraryList?: number }, list: Library[]): void {
  delete record.libraryList;
  (record as { libraries?: Library[] }).libraries = list;
}
