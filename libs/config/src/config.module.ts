import { DynamicModule, Global, Module } from '@nestjs/common';
import type { z } from 'zod';

import { BASE_CONFIG_GROUPS } from './base-config.groups';
import type { AppEnv } from './base-env.schema';
import type { ConfigGroup } from './config-group';
import { parseEnv } from './validate-env';

@Global()
@Module({})
class AppConfigModule {}

/**
 * The app's environment, parsed once with its zod schema (defaults applied, numbers coerced; a bad variable aborts
 * start-up naming it), provided as one value per config group: the base groups and the app's own.
 */
export async function configModuleFor<Schema extends z.ZodType<AppEnv>>(
  schema: Schema,
  groups: readonly ConfigGroup<z.infer<Schema>, unknown>[] = [],
): Promise<DynamicModule> {
  const env = parseEnv(schema, process.env);
  const all: readonly ConfigGroup<z.infer<Schema>, unknown>[] = [...BASE_CONFIG_GROUPS, ...groups];
  const names = all.map((group) => group.name);
  const repeated = names.filter((name, index) => names.indexOf(name) !== index);
  if (repeated.length) throw new Error(`config groups provided twice: ${repeated.join(', ')}`);
  const providers = all.map((group) => ({ provide: group.token, useValue: group.select(env) }));
  return {
    module: AppConfigModule,
    global: true,
    providers,
    exports: providers.map((provider) => provider.provide),
  };
}
