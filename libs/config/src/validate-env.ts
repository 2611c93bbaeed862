import type { z } from 'zod';

export class InvalidEnvironmentError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment: ${problems.join('; ')}`);
    this.name = InvalidEnvironmentError.name;
  }
}

/** Parses the environment with a zod schema; a bad variable aborts start-up with a message naming it. */
export function parseEnv<Schema extends z.ZodType>(schema: Schema, env: Record<string, unknown>): z.infer<Schema> {
  const result = schema.safeParse(env);
  if (!result.success) {
    throw new InvalidEnvironmentError(
      result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`),
    );
  }
  return result.data;
}
