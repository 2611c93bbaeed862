import type { z } from 'zod';

import { resolveLibraryLists } from './library-lists';
import { ProfilingBatchWireSchema } from './profiling-data.schema';

/**
 * A batch, validated and with every record's `libraries` inline: records that name the same entry of `libraryLists`
 * share its array. An index past the lists is an issue at `events.<i>.libraryList`.
 */
export const ProfilingBatchSchema = ProfilingBatchWireSchema.transform(resolveLibraryLists);
export type ProfilingBatch = z.output<typeof ProfilingBatchSchema>;
export type ProfilingBatchInput = z.input<typeof ProfilingBatchSchema>;
