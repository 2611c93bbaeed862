import type { ClientProxy } from '@nestjs/microservices';
import { firstValueFrom, timeout, TimeoutError } from 'rxjs';
import { MessagePattern, RpcContracts, RpcReplyOf, RpcRequestOf } from '@tailor/contracts';

export class DependencyUnavailableError extends Error {
  constructor(
    readonly dependency: string,
    reason: string,
  ) {
    super(`${dependency} is unavailable: ${reason}`);
    this.name = DependencyUnavailableError.name;
  }
}

export class DependencyReplyError extends Error {
  constructor(
    readonly dependency: string,
    reason: string,
  ) {
    super(`${dependency} answered with an error: ${reason}`);
    this.name = DependencyReplyError.name;
  }
}

export interface RpcRequest<Pattern extends MessagePattern> {
  dependency: string;
  pattern: Pattern;
  payload: RpcRequestOf<Pattern>;
  timeoutMs: number;
}

const describe = (error: unknown): string => {
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error !== null && 'message' in error) return String(error.message);
  return String(error);
};

/** One request/response over a Nest transport, bounded in time, with the reply validated against its pattern's contract. */
export async function rpcRequest<Pattern extends MessagePattern>(
  client: ClientProxy,
  { dependency, pattern, payload, timeoutMs }: RpcRequest<Pattern>,
): Promise<RpcReplyOf<Pattern>> {
  let reply: unknown;
  try {
    reply = await firstValueFrom(client.send(pattern, payload).pipe(timeout(timeoutMs)));
  } catch (error) {
    if (error instanceof TimeoutError) {
      throw new DependencyUnavailableError(dependency, `no answer within ${timeoutMs} ms`);
    }
    if (error instanceof Error && /ECONNREFUSED|Connection is closed|ENOTFOUND/.test(error.message)) {
      throw new DependencyUnavailableError(dependency, error.message);
    }
    throw new DependencyReplyError(dependency, describe(error));
  }
  const parsed = RpcContracts[pattern].reply.safeParse(reply);
  if (!parsed.success) {
    throw new DependencyReplyError(dependency, `reply breaks the ${pattern} contract: ${parsed.error.message}`);
  }
  return parsed.data as RpcReplyOf<Pattern>;
}
