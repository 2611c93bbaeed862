import { ProfilingBatchSchema } from './profiling-batch.schema';
import { ProfilingRecordInput } from './profiling-data.schema';

const express = [{ name: 'express', version: '5.3.0' }];
const fastify = [{ name: 'fastify', version: '5.6.1' }];

const record = (libraries: Pick<ProfilingRecordInput, 'libraryList'> | { libraries: unknown }): ProfilingRecordInput => ({
  applicationId: 'shop',
  endpointId: 'GET /users/:id',
  language: 'node',
  languageVersion: '20.20.2',
  cpuTimeMs: 1,
  memory: { rssBytes: 1, heapUsedBytes: 1, peakRssBytes: 1 },
  executionTimeMs: 2,
  timestamp: '2026-11-28T10:15:20.000Z',
  ...(libraries as Pick<ProfilingRecordInput, 'libraryList'>),
});
const batchId = '9b2f6a3e-1c4d-4e8f-9a7b-2c3d4e5f6a7b';
const issuesOf = (input: unknown) =>
  (ProfilingBatchSchema.safeParse(input).error?.issues ?? []).map(
    (issue) => `${issue.path.join('.')}: ${issue.message}`,
  );

describe('ProfilingBatchSchema', () => {
  it("should give each record the batch's list its libraryList names, one array per list, and drop the indices", () => {
    const batch = ProfilingBatchSchema.parse({
      batchId,
      libraryLists: [express, fastify],
      events: [record({ libraryList: 1 }), record({ libraryList: 0 }), record({ libraryList: 1 })],
    });

    expect(batch.events.map((event) => event.libraries)).toEqual([fastify, express, fastify]);
    expect(batch.events[0]?.libraries).toBe(batch.events[2]?.libraries);
    expect(batch).not.toHaveProperty('libraryLists');
    expect(batch.events[0]).not.toHaveProperty('libraryList');
  });

  it('should refuse records with inline libraries (the retired first form), naming the record and the field', () => {
    const events = [record({ libraries: fastify }), record({ libraryList: 0 })];

    expect(issuesOf({ batchId, libraryLists: [express], events })).toEqual([
      "events.0.libraries: no longer accepted inline: list it once in the batch's libraryLists and give its index as libraryList",
      'events.0.libraryList: Invalid input: expected number, received undefined',
    ]);
  });

  it("should name the record and the field of an index past the batch's lists", () => {
    const events = [record({ libraryList: 0 }), record({ libraryList: 2 })];

    expect(issuesOf({ batchId, libraryLists: [express, fastify], events })).toEqual([
      "events.1.libraryList: must be the index of one of the batch's 2 libraryLists",
    ]);
    expect(issuesOf({ batchId, events: [record({ libraryList: 0 })] })).toEqual([
      "events.0.libraryList: must be the index of one of the batch's 0 libraryLists",
    ]);
  });

  it('should refuse a record with both libraries and libraryList, or with neither', () => {
    const events = [{ ...record({ libraryList: 0 }), libraries: express }, record({} as never)];

    expect(issuesOf({ batchId, libraryLists: [express], events })).toEqual([
      "events.0.libraries: no longer accepted inline: list it once in the batch's libraryLists and give its index as libraryList",
      'events.1.libraryList: Invalid input: expected number, received undefined',
    ]);
  });

  it('should validate the lists themselves and bound the index', () => {
    const events = [record({ libraryList: 10_000 })];

    expect(issuesOf({ batchId, libraryLists: [[{ name: 'Not A Name', version: '1' }]], events })).toEqual([
      'libraryLists.0.0.name: must be an npm package name',
      'events.0.libraryList: Too big: expected number to be <=9999',
    ]);
  });
});
