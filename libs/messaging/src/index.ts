export * from './jobs';
export * from './namespaced-redis.transport';
export * from './redis-connection';
export * from './redis-lease';
export * from './rpc-handler.decorator';
export * from './rpc-payload.pipe';
export * from './rpc-request';
