import { resolve } from 'node:path';

/** The trace datasets committed under libs/testing/fixtures/traces (source and licence in its README). */
export type TraceFixture = 'azure-functions-2019' | 'azure-functions-2021';

const TRACE_FIXTURES = resolve(__dirname, '../fixtures/traces');

/** The folder of the committed trace fixtures, or of one dataset in it. */
export function traceFixtureDir(dataset?: TraceFixture): string {
  return dataset ? resolve(TRACE_FIXTURES, dataset) : TRACE_FIXTURES;
}
