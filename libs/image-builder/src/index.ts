export * from './build-context';
export * from './build-failure';
export * from './dependency-installer';
export * from './image-builder';
export * from './runtime-base-image';
export * from './runtime-image-labels';
