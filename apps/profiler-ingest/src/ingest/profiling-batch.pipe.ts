import { Injectable, PipeTransform } from '@nestjs/common';
import {
  Library,
  ProfilingBatch,
  ProfilingBatchWire,
  ProfilingBatchWireSchema,
  ProfilingDataSchema,
  ProfilingRecordSchema,
  resolveLibraryLists,
} from '@tailor/contracts';
import { ZodValidationException } from 'nestjs-zod';
import { z } from 'zod';

import { acceptBatch } from './profiling-batch.fast-check';

const LibrariesSchema = ProfilingDataSchema.shape.libraries;
const MAX_ISSUES = 50;

/** the wire schema with each record's inline library list left for later: most records of a batch share one list */
const BatchWithUncheckedLibraries = ProfilingBatchWireSchema.extend({
  events: z
    .array(ProfilingRecordSchema.extend({ libraries: z.array(z.unknown()).max(2000).optional() }))
    .min(1)
    .max(10_000),
});
type BatchWithUncheckedLibraries = z.infer<typeof BatchWithUncheckedLibraries>;

/** Checks each distinct inline library list once and makes the records that share a list share one array. */
function checkInlineListsOnce(batch: BatchWithUncheckedLibraries, ctx: z.RefinementCtx): ProfilingBatchWire {
  const checked = new Map<string, Library[]>();
  let issues = 0;
  for (const [index, event] of batch.events.entries()) {
    if (event.libraries === undefined) continue;
    const key = JSON.stringify(event.libraries);
    let libraries = checked.get(key);
    if (!libraries) {
      const result = LibrariesSchema.safeParse(event.libraries);
      if (!result.success) {
        for (const issue of result.error.issues)
          ctx.addIssue({ ...issue, path: ['events', index, 'libraries', ...issue.path] });
        issues += result.error.issues.length;
        if (issues >= MAX_ISSUES) break;
        continue;
      }
      libraries = result.data;
      checked.set(key, libraries);
    }
    event.libraries = libraries;
  }
  return batch as ProfilingBatchWire;
}

/** ProfilingBatchSchema, with each distinct inline library list checked once */
const BatchCheckingInlineListsOnce =
  BatchWithUncheckedLibraries.transform(checkInlineListsOnce).transform(resolveLibraryLists);

/**
 * Validates a ProfilingBatch exactly as ProfilingBatchSchema does (records' `libraryList` indices resolved to the
 * batch's `libraryLists`), but checks each distinct inline library list once (an agent of the first wire form repeats
 * its process's list in every record) and makes the records that share a list share one array.
 * Errors name the record and the field (`events.3.libraries.7.name`), as the global validation pipe does.
 * A valid batch is accepted by the compiled fast check; zod validates only what that check refuses, and writes the error.
 */
@Injectable()
export class ProfilingBatchPipe implements PipeTransform<unknown, ProfilingBatch> {
  transform(value: unknown): ProfilingBatch {
    return acceptBatch(value) ?? this.validateWithZod(value);
  }

  private validateWithZod(value: unknown): ProfilingBatch {
    const parsed = BatchCheckingInlineListsOnce.safeParse(value);
    if (!parsed.success) throw new ZodValidationException(parsed.error);
    return parsed.data;
  }
}
