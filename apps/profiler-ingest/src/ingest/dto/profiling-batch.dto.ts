import { ProfilingBatchSchema } from '@tailor/contracts';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export class ProfilingBatchDto extends createZodDto(ProfilingBatchSchema) {}

export class BatchReceiptDto extends createZodDto(
  z.object({
    batchId: z.uuid(),
    accepted: z.number().int(),
    duplicate: z.boolean().describe('the batch id was already stored: nothing was added'),
  }),
) {}
