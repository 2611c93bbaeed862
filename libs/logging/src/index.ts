export * from './correlation';
export * from './logging.module';
export * from './request-logging';
export * from './rpc-correlation.interceptor';
