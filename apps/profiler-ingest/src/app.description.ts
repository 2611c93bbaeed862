import type { BootstrapOptions } from '@tailor/platform';

/** The app's name and description: its logs, its OpenAPI document (served and committed under openapi/) and the SDK. */
export const APP_DESCRIPTION: BootstrapOptions = {
  name: 'profiler-ingest',
  description: 'Validates and stores the profiling data that agents send.',
};
