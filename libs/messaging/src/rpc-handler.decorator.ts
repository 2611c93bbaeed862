import { MessagePattern as NestMessagePattern, Payload } from '@nestjs/microservices';
import type { MessagePattern, RpcPayloadOf, RpcReplyOf } from '@tailor/contracts';

import { RpcPayloadPipe } from './rpc-payload.pipe';

type Handler<Pattern extends MessagePattern> = (request: RpcPayloadOf<Pattern>) => Promise<RpcReplyOf<Pattern>>;

/**
 * Makes a controller method the handler of `pattern`: its first parameter is the request, validated by the pattern's
 * schema (RpcPayloadPipe), and the compiler checks the method's request and reply types against the contract.
 */
export function RpcHandler<Pattern extends MessagePattern>(pattern: Pattern) {
  return (target: object, key: string | symbol, descriptor: TypedPropertyDescriptor<Handler<Pattern>>): void => {
    Payload(new RpcPayloadPipe(pattern))(target, key, 0);
    NestMessagePattern(pattern)(target, key, descriptor);
  };
}
