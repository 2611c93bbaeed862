import type { BootstrapOptions } from '@tailor/platform';

/** The app's name and description: its logs, its OpenAPI document (served and committed under openapi/) and the SDK. */
export const APP_DESCRIPTION: BootstrapOptions = {
  name: 'provisioner',
  description: 'Hands out runtime environments: POST /provision, GET and DELETE /environments/:id.',
};
