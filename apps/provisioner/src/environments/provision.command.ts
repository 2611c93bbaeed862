import { CorrelationIdSchema, ProvisionRequestSchema } from '@tailor/contracts';
import { ZodValidationException } from 'nestjs-zod';
import type { z } from 'zod';

const ProvisionCommandSchema = ProvisionRequestSchema.extend({ correlationId: CorrelationIdSchema });

/** One provision asked for: the endpoint to provision a runtime for, and the correlation id its logs and rows carry. */
export class ProvisionCommand {
  private constructor(
    readonly applicationId: string,
    readonly endpointId: string,
    readonly correlationId: string,
  ) {}

  /** Validates the arguments (an invalid one answers 400 VALIDATION_FAILED, as an invalid request body does). */
  static create(input: z.input<typeof ProvisionCommandSchema>): ProvisionCommand {
    const parsed = ProvisionCommandSchema.safeParse(input);
    if (!parsed.success) throw new ZodValidationException(parsed.error);
    const { applicationId, endpointId, correlationId } = parsed.data;
    return new ProvisionCommand(applicationId, endpointId, correlationId);
  }
}
