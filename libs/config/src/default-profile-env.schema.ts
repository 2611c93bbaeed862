import { z } from 'zod';

import { envVariables } from './env-variable';

/** The variable the predictor and the provisioner share: their default profiles must hash alike. */
export const DefaultProfileEnvSchema = z.object({
  RUNTIME_NODE_VERSION: z
    .string()
    .regex(/^\d+(\.\d+){0,2}$/, 'must be a version such as 20')
    .default('20')
    .register(envVariables, {
      group: 'prediction',
      description:
        'Node major version of the runtimes the default profile asks for; the predictor and the provisioner must be given the same, so that both defaults hash alike',
    }),
});
