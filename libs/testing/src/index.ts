export * from './namespace';
export * from './service-process';
export * from './test-database';
