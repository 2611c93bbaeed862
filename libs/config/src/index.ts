export * from './base-env.schema';
export * from './config.module';
export * from './validate-env';
