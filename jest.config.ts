import type { Config } from 'jest';

const ESM_ONLY = '(content-disposition|cookie)';

const transform: Config['transform'] = {
  '^.+\\.ts$': [
    '@swc/jest',
    {
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true },
        target: 'es2022',
      },
      module: { type: 'commonjs' },
    },
  ],
  // dependencies of Fastify's plugins published as ES modules only: Node 20 requires them natively, Jest cannot
  [`/node_modules/${ESM_ONLY}/.+\\.js$`]: ['@swc/jest', { module: { type: 'commonjs' } }],
};

const shared: Config = {
  transform,
  transformIgnorePatterns: [`/node_modules/(?!(.*/)?${ESM_ONLY}/)`],
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'json'],
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/tools'],
};

const config: Config = {
  reporters: ['default', '<rootDir>/libs/testing/summary-reporter.js'],
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['**/*.spec.ts'] },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['**/*.integration-spec.ts', '**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/libs/testing/src/global-setup.ts',
      globalTeardown: '<rootDir>/libs/testing/src/global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/libs/testing/src/integration-setup.ts'],
    },
  ],
};

export default config;
