import { PipeTransform } from '@nestjs/common';
import { RpcException } from '@nestjs/microservices';
import { MessagePattern, RpcContracts, RpcPayloadOf } from '@tailor/contracts';

/** Validates a microservice message against its pattern's request schema; the caller gets the reason back as an RPC error. */
export class RpcPayloadPipe<Pattern extends MessagePattern> implements PipeTransform<unknown, RpcPayloadOf<Pattern>> {
  constructor(private readonly pattern: Pattern) {}

  transform(value: unknown): RpcPayloadOf<Pattern> {
    const parsed = RpcContracts[this.pattern].request.safeParse(value);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(payload)'}: ${issue.message}`);
      throw new RpcException({ code: 'INVALID_PAYLOAD', message: `invalid payload: ${problems.join('; ')}` });
    }
    return parsed.data as RpcPayloadOf<Pattern>;
  }
}
