import { BaseEnvSchema, PortSchema } from '@tailor/config';
import { DockerEnvSchema } from '@tailor/docker';
import { z } from 'zod';

export const ProvisionerEnvSchema = BaseEnvSchema.extend(DockerEnvSchema.shape).extend({
  PORT: PortSchema.default(3000),
  /** how long a started runtime may take to answer its health check before the provision fails */
  RUNTIME_READY_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  /** address runtimes bind to on the host network */
  RUNTIME_HOST: z.string().min(1).default('127.0.0.1'),
  RUNTIME_PIDS_LIMIT: z.coerce.number().int().min(16).max(32_768).default(256),
});
export type ProvisionerEnv = z.infer<typeof ProvisionerEnvSchema>;
