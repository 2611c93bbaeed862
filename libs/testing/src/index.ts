export * from './namespace';
export * from './prometheus-text';
export * from './service-process';
export * from './test-database';
