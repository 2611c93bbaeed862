import { ProfilingBatchSchema } from '@tailor/contracts';

import { batchOf, windowRecord } from '../../test/profiling-batch.factory';
import { mergeRollupDeltas, rollupDeltas } from './endpoint-rollups';

const eventsOf = (...records: Parameters<typeof windowRecord>[0][]) =>
  ProfilingBatchSchema.parse(batchOf(records.map((r) => windowRecord(r)))).events;

describe(mergeRollupDeltas.name, () => {
  it('should sum the deltas of several batches into what one batch of all their records gives', () => {
    const first = eventsOf(
      { endpointId: 'GET /a', invocations: 3, timestamp: '2026-11-28T10:15:20.000Z' },
      { endpointId: 'GET /b', invocations: 2, timestamp: '2026-11-28T10:59:59.000Z', executionTimeMaxMs: 40 },
    );
    const second = eventsOf(
      { endpointId: 'GET /a', invocations: 5, timestamp: '2026-11-28T10:15:40.000Z', libraries: [] },
      { endpointId: 'GET /b', invocations: 1, timestamp: '2026-11-28T11:00:01.000Z' },
    );

    const merged = mergeRollupDeltas([rollupDeltas(first), rollupDeltas(second)]);

    expect(merged).toEqual(rollupDeltas([...first, ...second]));
    expect(merged.find((d) => d.endpointId === 'GET /a' && d.granularity === 'hour')).toMatchObject({
      invocations: 8,
      libraryCounts: { 'express@5.3.0': 3, 'dayjs@1.11.13': 3 },
    });
  });

  it('should leave the deltas it merged unchanged', () => {
    const deltas = rollupDeltas(eventsOf({ endpointId: 'GET /a', invocations: 3 }));
    const copy = structuredClone(deltas);

    mergeRollupDeltas([deltas, deltas]);

    expect(deltas).toEqual(copy);
  });
});
