import { PipeTransform } from '@nestjs/common';
import { RpcException } from '@nestjs/microservices';
import type { z } from 'zod';

/** Validates a microservice message against its contract; the caller gets the reason back as an RPC error. */
export class RpcPayloadPipe<Schema extends z.ZodType> implements PipeTransform<unknown, z.infer<Schema>> {
  constructor(private readonly schema: Schema) {}

  transform(value: unknown): z.infer<Schema> {
    const parsed = this.schema.safeParse(value);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(payload)'}: ${issue.message}`);
      throw new RpcException({ code: 'INVALID_PAYLOAD', message: `invalid payload: ${problems.join('; ')}` });
    }
    return parsed.data;
  }
}
