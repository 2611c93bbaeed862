import { BaseEnvSchema, PortSchema } from '@tailor/config';
import { DockerEnvSchema } from '@tailor/docker';
import type { z } from 'zod';

export const FactoryEnvSchema = BaseEnvSchema.extend(DockerEnvSchema.shape).extend({
  PORT: PortSchema.default(3003),
});
export type FactoryEnv = z.infer<typeof FactoryEnvSchema>;
