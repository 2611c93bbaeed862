import { BaseEnvSchema, PortSchema } from '@tailor/config';
import type { z } from 'zod';

export const IngestEnvSchema = BaseEnvSchema.extend({
  PORT: PortSchema.default(3001),
});
export type IngestEnv = z.infer<typeof IngestEnvSchema>;
