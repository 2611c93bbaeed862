import { BaseEnvSchema } from './base-env.schema';
import { InvalidEnvironmentError, parseEnv } from './validate-env';

describe(parseEnv.name, () => {
  it('should apply defaults to an empty environment', () => {
    const env = parseEnv(BaseEnvSchema, {});
    expect(env.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(env.DEPENDENCY_TIMEOUT_MS).toBe(2000);
  });

  it('should name every bad variable', () => {
    expect(() => parseEnv(BaseEnvSchema, { DATABASE_URL: 'mysql://x', DEPENDENCY_TIMEOUT_MS: 'soon' })).toThrow(
      InvalidEnvironmentError,
    );
    try {
      parseEnv(BaseEnvSchema, { DATABASE_URL: 'mysql://x', DEPENDENCY_TIMEOUT_MS: 'soon' });
    } catch (error) {
      expect((error as Error).message).toMatch(/DATABASE_URL: must be a postgresql:\/\/ connection URL/);
      expect((error as Error).message).toMatch(/DEPENDENCY_TIMEOUT_MS/);
    }
  });
});
