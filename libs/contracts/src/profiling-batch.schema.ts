import type { z } from 'zod';

import { resolveLibraryLists } from './library-lists';
import { ProfilingBatchWireSchema } from './profiling-data.schema';

/**
 * A batch, validated and with every record's `libraries` inline: records that name the same entry of `libraryLists`
 * share its array. A record with both or neither of `libraries` and `libraryList`, or an index past the lists, is an
 * issue at `events.<i>.libraryList` (or `.libraries`).
 */
export const ProfilingBatchSchema = ProfilingBatchWireSchema.transform(resolveLibraryLists);
export type ProfilingBatch = z.output<typeof ProfilingBatchSchema>;
export type ProfilingBatchInput = z.input<typeof ProfilingBatchSchema>;
