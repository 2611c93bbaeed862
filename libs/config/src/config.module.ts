import { DynamicModule } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import type { z } from 'zod';

import { parseEnv } from './validate-env';

/** A global ConfigModule whose values are the zod-parsed environment (defaults applied, numbers coerced). */
export function configModuleFor(schema: z.ZodType): Promise<DynamicModule> {
  return ConfigModule.forRoot({
    isGlobal: true,
    ignoreEnvFile: true,
    cache: true,
    validate: (env) => parseEnv(schema, env) as Record<string, unknown>,
  });
}
