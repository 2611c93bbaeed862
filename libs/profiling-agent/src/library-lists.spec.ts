import { MAX_BATCH_EVENTS, MAX_LIBRARY_LISTS, ProfilingBatchSchema, ProfilingData } from '@tailor/contracts';

import { shareLibraryLists } from './library-lists';
import { rawRecord } from './window-aggregator';

const sample = {
  endpointId: 'GET /users/:id',
  startedAt: Date.parse('2026-11-28T10:15:20.000Z'),
  executionTimeMs: 2,
  cpuTimeMs: 1,
  rssBytes: 1,
  heapUsedBytes: 1,
  peakRssBytes: 1,
  ioReadBytes: 0,
  ioWriteBytes: 0,
  requestBytes: 0,
  responseBytes: 0,
};
const recordWith = (libraries: ProfilingData['libraries']): ProfilingData =>
  rawRecord(sample, { applicationId: 'shop', language: 'node', languageVersion: '20.20.2', libraries });

describe('shareLibraryLists', () => {
  const loaded = [{ name: 'express', version: '5.3.0' }];
  const later = [...loaded, { name: 'ms', version: '2.1.3' }];

  it('should send each distinct list once, found by array and by content, and records naming theirs by index', () => {
    const records = [recordWith(loaded), recordWith(loaded), recordWith(later), recordWith([...later])];

    const { libraryLists, events } = shareLibraryLists(records);

    expect(libraryLists).toEqual([loaded, later]);
    expect(events.map((event) => event.libraryList)).toEqual([0, 0, 1, 1]);
    expect(events.every((event) => !('libraries' in event))).toBe(true);
  });

  it('should give back the same records through ProfilingBatchSchema', () => {
    const records = [recordWith(loaded), recordWith(later), recordWith(loaded)];

    const batch = ProfilingBatchSchema.parse({
      batchId: '9b2f6a3e-1c4d-4e8f-9a7b-2c3d4e5f6a7b',
      ...shareLibraryLists(records),
    });

    expect(batch.events).toEqual(records);
  });

  it('should name every record\'s list, within the contract, even when no two records of a full batch share one', () => {
    expect(MAX_LIBRARY_LISTS).toBe(MAX_BATCH_EVENTS);
    const records = Array.from({ length: MAX_BATCH_EVENTS }, (_, i) => recordWith([{ name: 'lib', version: `1.0.${i}` }]));

    const shared = shareLibraryLists(records);

    expect(shared.libraryLists).toHaveLength(MAX_BATCH_EVENTS);
    expect(shared.events[MAX_BATCH_EVENTS - 1]).toMatchObject({ libraryList: MAX_BATCH_EVENTS - 1 });
    expect(shared.events.every((event) => !('libraries' in event))).toBe(true);
    const batch = ProfilingBatchSchema.parse({ batchId: '9b2f6a3e-1c4d-4e8f-9a7b-2c3d4e5f6a7b', ...shared });
    expect(batch.events[MAX_BATCH_EVENTS - 1]?.libraries).toEqual([{ name: 'lib', version: `1.0.${MAX_BATCH_EVENTS - 1}` }]);
  });
});
