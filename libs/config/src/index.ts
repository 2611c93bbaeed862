export * from './base-config.groups';
export * from './base-env.schema';
export * from './config-group';
export * from './config.module';
export * from './default-profile-env.schema';
export * from './env-variable';
export * from './validate-env';
