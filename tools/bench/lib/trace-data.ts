import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

import { traceFixtureDir, type TraceFixture } from '@tailor/testing';

const SHARED_DATA = resolve(__dirname, '../../../../shared/data');

/** A trace dataset from the shared data folder beside the repository, or the committed fixture where a clone has none. */
export function traceDataDir(dataset: TraceFixture): string {
  const shared = resolve(SHARED_DATA, dataset);
  return existsSync(shared) ? shared : traceFixtureDir(dataset);
}
