export * from './content-hash';
export * from './default-profile';
export * from './lockfile';
