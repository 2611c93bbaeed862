import { ClientRedis, RedisOptions, ServerRedis } from '@nestjs/microservices';

type TransportOptions = Required<RedisOptions>['options'];

/**
 * Nest's Redis transport publishes on channels named by the bare message pattern, and Redis pub/sub ignores database
 * numbers: two stacks sharing a Redis would answer each other's requests. These subclasses put a namespace in front of
 * every request and reply channel.
 */
export class NamespacedRedisServer extends ServerRedis {
  private readonly channelPrefix: string;

  constructor(namespace: string, options: TransportOptions) {
    super(options);
    this.channelPrefix = `${namespace}:`;
  }

  override getRequestPattern(pattern: string): string {
    return `${this.channelPrefix}${pattern}`;
  }

  override getHandlerByPattern(channel: string) {
    const pattern = channel.startsWith(this.channelPrefix) ? channel.slice(this.channelPrefix.length) : channel;
    return super.getHandlerByPattern(pattern);
  }
}

export class NamespacedRedisClient extends ClientRedis {
  private readonly channelPrefix: string;

  constructor(namespace: string, options: TransportOptions) {
    super(options);
    this.channelPrefix = `${namespace}:`;
  }

  override getRequestPattern(pattern: string): string {
    return `${this.channelPrefix}${pattern}`;
  }

  override getReplyPattern(pattern: string): string {
    return `${this.channelPrefix}${pattern}.reply`;
  }
}
