import type { Environment } from '@tailor/sdk';

export type RunningEnvironment = Environment & {
  container: NonNullable<Environment['container']>;
  endpoint: NonNullable<Environment['endpoint']>;
};

/** The environment with its container and endpoint, which a provision that succeeded always has; throws otherwise. */
export function runningEnvironment(environment: Environment): RunningEnvironment {
  const { container, endpoint } = environment;
  if (!container || !endpoint)
    throw new Error(`environment ${environment.id} has no container (state ${environment.state})`);
  return { ...environment, container, endpoint };
}
