import { Injectable, PipeTransform } from '@nestjs/common';
import { Library, ProfilingBatch, ProfilingBatchSchema, ProfilingDataSchema } from '@tailor/contracts';
import { ZodValidationException } from 'nestjs-zod';
import { z } from 'zod';

import { acceptBatch } from './profiling-batch.fast-check';

const LibrariesSchema = ProfilingDataSchema.shape.libraries;
/** the batch schema with each record's library list left for later: most records of a batch share one list */
const BatchWithUncheckedLibraries = ProfilingBatchSchema.extend({
  events: z
    .array(ProfilingDataSchema.extend({ libraries: z.array(z.unknown()).max(2000) }))
    .min(1)
    .max(10_000),
});
const MAX_ISSUES = 50;

/**
 * Validates a ProfilingBatch exactly as ProfilingBatchSchema does, but checks each distinct library list once (an
 * agent's records share the list of the process) and makes the records that share a list share one array.
 * Errors name the record and the field (`events.3.libraries.7.name`), as the global validation pipe does.
 * A valid batch is accepted by the compiled fast check; zod validates only what that check refuses, and writes the error.
 */
@Injectable()
export class ProfilingBatchPipe implements PipeTransform<unknown, ProfilingBatch> {
  transform(value: unknown): ProfilingBatch {
    return acceptBatch(value) ?? this.validateWithZod(value);
  }

  private validateWithZod(value: unknown): ProfilingBatch {
    const parsed = BatchWithUncheckedLibraries.safeParse(value);
    if (!parsed.success) throw new ZodValidationException(parsed.error);
    const checked = new Map<string, Library[]>();
    const issues: z.core.$ZodIssue[] = [];
    for (const [index, event] of parsed.data.events.entries()) {
      const key = JSON.stringify(event.libraries);
      let libraries = checked.get(key);
      if (!libraries) {
        const result = LibrariesSchema.safeParse(event.libraries);
        if (!result.success) {
          issues.push(
            ...result.error.issues.map((issue) => ({ ...issue, path: ['events', index, 'libraries', ...issue.path] })),
          );
          if (issues.length >= MAX_ISSUES) break;
          continue;
        }
        libraries = result.data;
        checked.set(key, libraries);
      }
      event.libraries = libraries;
    }
    if (issues.length > 0) throw new ZodValidationException(new z.ZodError(issues));
    return parsed.data as ProfilingBatch;
  }
}
