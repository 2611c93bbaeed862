export * from './free-port';
export * from './runtime-client';
export * from './runtime-container-spec';
