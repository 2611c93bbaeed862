export * from './job-queue';
export * from './job-queue.module';
export * from './parse-job';
export * from './queue-root.module';
