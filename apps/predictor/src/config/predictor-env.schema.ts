import { BaseEnvSchema, PortSchema } from '@tailor/config';
import { z } from 'zod';

export const PredictorEnvSchema = BaseEnvSchema.extend({
  PORT: PortSchema.default(3002),
  /** Node major version of the runtimes the default profile asks for */
  RUNTIME_NODE_VERSION: z.string().regex(/^\d+(\.\d+){0,2}$/, 'must be a version such as 20').default('20'),
});
export type PredictorEnv = z.infer<typeof PredictorEnvSchema>;
