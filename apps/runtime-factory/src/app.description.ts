import type { BootstrapOptions } from '@tailor/platform';

/** The app's name and description: its logs, its OpenAPI document (served and committed under openapi/) and the SDK. */
export const APP_DESCRIPTION: BootstrapOptions = {
  name: 'runtime-factory',
  description: 'Builds specialized runtime images from profiles and caches them by content.',
  microservice: true,
};
