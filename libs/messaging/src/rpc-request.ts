import type { ClientProxy } from '@nestjs/microservices';
import { firstValueFrom, timeout, TimeoutError } from 'rxjs';
import type { z } from 'zod';

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

export interface RpcRequest<Reply extends z.ZodType> {
  dependency: string;
  pattern: string;
  payload: unknown;
  replySchema: Reply;
  timeoutMs: number;
}

const describe = (error: unknown): string => {
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error !== null && 'message' in error) return String(error.message);
  return String(error);
};

/** One request/response over a Nest transport, bounded in time, with the reply validated against its contract. */
export async function rpcRequest<Reply extends z.ZodType>(
  client: ClientProxy,
  { dependency, pattern, payload, replySchema, timeoutMs }: RpcRequest<Reply>,
): Promise<z.infer<Reply>> {
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
  const parsed = replySchema.safeParse(reply);
  if (!parsed.success) {
    throw new DependencyReplyError(dependency, `reply breaks the ${pattern} contract: ${parsed.error.message}`);
  }
  return parsed.data;
}
