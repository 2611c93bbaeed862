import { Injectable, PipeTransform } from '@nestjs/common';
import { ProfilingBatch, ProfilingBatchSchema } from '@tailor/contracts';
import { ZodValidationException } from 'nestjs-zod';

import { acceptBatch } from './profiling-batch.fast-check';

/**
 * Validates a ProfilingBatch exactly as ProfilingBatchSchema does (records' `libraryList` indices resolved to the
 * batch's `libraryLists`, records naming the same list sharing one array). Errors name the record and the field
 * (`events.3.libraryList`), as the global validation pipe does.
 * A valid batch is accepted by the compiled fast check; zod validates only what that check refuses, and writes the error.
 */
@Injectable()
export class ProfilingBatchPipe implements PipeTransform<unknown, ProfilingBatch> {
  transform(value: unknown): ProfilingBatch {
    return acceptBatch(value) ?? this.validateWithZod(value);
  }

  private validateWithZod(value: unknown): ProfilingBatch {
    const parsed = ProfilingBatchSchema.safeParse(value);
    if (!parsed.success) throw new ZodValidationException(parsed.error);
    return parsed.data;
  }
}
