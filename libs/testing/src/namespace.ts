import { randomBytes } from 'node:crypto';

/** A Redis channel and queue namespace of the test's own, so that concurrent test files never answer each other. */
export const uniqueNamespace = (label = 'test'): string => `${label}-${randomBytes(4).toString('hex')}`;
