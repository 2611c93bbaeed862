export * from './correlation';
export * from './logging.module';
export * from './rpc-correlation.interceptor';
