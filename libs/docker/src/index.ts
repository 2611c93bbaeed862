export * from './docker-env.schema';
export * from './docker.module';
export * from './labels';
