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
 * ProfilingBatchSchema's last step: gives each record that names a `libraryList` that list as its `libraries` (the
 * same array for every record naming it) and drops the indices. A record with both or neither, or an index past the
 * batch's lists, is an issue naming the record and the field. Works in place on zod's output.
 */
export function resolveLibraryLists(batch: ProfilingBatchWire, ctx: z.RefinementCtx): ResolvedProfilingBatch {
  const lists = batch.libraryLists ?? [];
  const issue = (index: number, field: 'libraries' | 'libraryList', message: string, input: unknown) =>
    ctx.addIssue({ code: 'custom', path: ['events', index, field], message, input });
  batch.events.forEach((event, index) => {
    const { libraryList } = event;
    if (libraryList === undefined) {
      if (event.libraries === undefined) issue(index, 'libraries', 'required (or libraryList)', undefined);
      return;
    }
    if (event.libraries !== undefined) {
      issue(index, 'libraryList', 'must not be given with libraries: give one of the two', libraryList);
    } else if (libraryList >= lists.length) {
      issue(index, 'libraryList', `must be the index of one of the batch's ${lists.length} libraryLists`, libraryList);
    } else {
      inlineLibraryList(event, lists[libraryList] as Library[]);
    }
  });
  delete batch.libraryLists;
  return batch as ResolvedProfilingBatch;
}

/**
 * Gives a record that names one of its batch's lists that list as `libraries`, in place. `libraryList` is deleted before
 * `libraries` is added: deleting a record's last property keeps its fast properties, the other order does not.
 */
export function inlineLibraryList(record: { libraries?: Library[]; libraryList?: number }, list: Library[]): void {
  delete record.libraryList;
  record.libraries = list;
}
