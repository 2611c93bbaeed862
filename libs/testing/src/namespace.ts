import { randomBytes } from 'node:crypto';
import { appendFileSync } from 'node:fs';

/** The file the integration run's global setup names: every namespace a test file makes, one a line, for the teardown. */
export const NAMESPACE_LOG_VARIABLE = 'TAILOR_TEST_NAMESPACE_LOG';

/** A Redis channel and queue namespace of the test's own, so that concurrent test files never answer each other. */
export const uniqueNamespace = (label = 'test'): string => {
  const namespace = `${label}-${randomBytes(4).toString('hex')}`;
  const log = process.env[NAMESPACE_LOG_VARIABLE];
  if (log) appendFileSync(log, `${namespace}\n`);
  return namespace;
};
