export * from './handler-metrics.interceptor';
export * from './http.metrics';
export * from './metrics-registry';
export * from './metrics.module';
export * from './numeric-leaves';
export * from './queue.metrics';
