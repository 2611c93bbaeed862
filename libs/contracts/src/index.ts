export * from './identifiers.schema';
export * from './job-options';
export * from './library-lists';
export * from './messages';
export * from './profiling-data.schema';
export * from './provision.schema';
export * from './queues';
export * from './runtime-profile.schema';
