import { Inject } from '@nestjs/common';

/** A typed slice of the parsed environment, provided under its own token (as Immich's `getEnv()` groups are read). */
export interface ConfigGroup<Env, Value> {
  readonly name: string;
  readonly token: symbol;
  readonly select: (env: Env) => Value;
}

/** The value a config group provides. */
export type ConfigOf<Group> = Group extends ConfigGroup<never, infer Value> ? Value : never;

export function defineConfigGroup<Env, Value>(name: string, select: (env: Env) => Value): ConfigGroup<Env, Value> {
  return { name, token: Symbol(`config:${name}`), select };
}

/** Injects a config group's value: `constructor(@InjectConfig(poolsConfig) pools: PoolsConfig)`. */
export const InjectConfig = (group: ConfigGroup<never, unknown>): PropertyDecorator & ParameterDecorator =>
  Inject(group.token);
