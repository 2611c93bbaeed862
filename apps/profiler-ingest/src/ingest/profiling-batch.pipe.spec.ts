import { ProfilingBatchSchema } from '@tailor/contracts';
import { ZodValidationException } from 'nestjs-zod';
import type { ZodError } from 'zod';

import {
  batchOf,
  inlineBatchOf,
  listedBatchOf,
  listedRecord,
  WINDOW_LIBRARIES,
  windowRecord,
} from '../../test/profiling-batch.factory';
import { acceptBatch } from './profiling-batch.fast-check';
import { ProfilingBatchPipe } from './profiling-batch.pipe';

/** mulberry32, so that a failing case can be replayed from its seed */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WEIRD: unknown[] = [
  null,
  true,
  -1,
  0,
  1.5,
  1e6,
  1e6 + 1,
  1e21,
  2 ** 53 + 2,
  '',
  ' ',
  'x'.repeat(33),
  '💥'.repeat(17),
  '💥'.repeat(16),
  'é',
  [],
  {},
  [1, 2, 3],
  new Array(15).fill(0),
  new Array(15).fill(0.5),
  new Array(14).fill(-1),
  { name: 'ok', version: '1.0.0' },
  { name: 'Bad', version: '1.0.0' },
  { name: 'ok', version: '' },
  { name: '@scope/ok', version: '1', extra: 'dropped' },
  '2026-02-30T00:00:00Z',
  '2026-02-28T00:00:00+01:00',
  '2026-02-28T00:00:00',
  '9999-12-31T23:59:59.999Z',
  'GET /a  b',
  'GET /a b',
  '00000000-0000-0000-0000-000000000000',
  '9b2f6a3e-1c4d-4e8f-9a7b-2c3d4e5f6a7b',
  'ab'.repeat(8),
];
const FIELDS = [
  'applicationId',
  'endpointId',
  'language',
  'languageVersion',
  'libraries',
  'libraries.0',
  'libraries.1.name',
  'libraries.0.version',
  'libraryList',
  'invocations',
  'cpuTimeMs',
  'memory',
  'memory.rssBytes',
  'io',
  'io.writeBytes',
  'requestBytes',
  'executionTimeMs',
  'timestamp',
  'executionTimeMaxMs',
  'windowSeconds',
  'histograms',
  'histograms.executionTimeMs',
  'histograms.rssBytes.3',
  'unknownKey',
];
const BATCH_FIELDS = [
  'batchId',
  'events',
  'agent',
  'agent.instanceId',
  'agent.droppedInvocations',
  'extra',
  'libraryLists',
  'libraryLists.0',
  'libraryLists.1.0.name',
];

function mutate(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node: Record<string, unknown> = target;
  for (const key of keys.slice(0, -1)) {
    if (typeof node[key] !== 'object' || node[key] === null) return;
    node = node[key] as Record<string, unknown>;
  }
  const last = keys[keys.length - 1] as string;
  if (value === undefined) delete node[last];
  else node[last] = value;
}

function randomBatch(random: () => number): unknown {
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)] as T;
  // the wire form, and the retired first form (libraries inline) that both must refuse
  const records = [windowRecord(), windowRecord(), windowRecord({ libraries: [] })];
  const lists = [WINDOW_LIBRARIES, [{ name: 'ms', version: '2.1.3' }]];
  const listed = [listedRecord(1), listedRecord(0), listedRecord(1)];
  const form = random();
  const batch = structuredClone(
    form < 0.4 ? batchOf(records) : form < 0.85 ? listedBatchOf(lists, listed) : inlineBatchOf(records),
  ) as Record<string, unknown>;
  const events = batch.events as Record<string, unknown>[];
  for (let n = 1 + Math.floor(random() * 2); n > 0; n--) {
    const value = random() < 0.15 ? undefined : structuredClone(pick(WEIRD));
    if (random() < 0.2) mutate(batch, pick(BATCH_FIELDS), value);
    else mutate(pick(events), pick(FIELDS), value);
  }
  return batch;
}

/** the paths of the issues of the ZodValidationException that `transform` throws */
function pathsOf(transform: () => unknown): string[] {
  let thrown: unknown;
  try {
    transform();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(ZodValidationException);
  return ((thrown as ZodValidationException).getZodError() as ZodError).issues.map((issue) => issue.path.join('.'));
}

describe(ProfilingBatchPipe.name, () => {
  const pipe = new ProfilingBatchPipe();

  describe('transform', () => {
    it('should accept and refuse exactly what ProfilingBatchSchema does, with the same output', () => {
      let accepted = 0;
      for (let seed = 1; seed <= 1000; seed++) {
        const body = JSON.stringify(randomBatch(prng(seed)));
        const expected = ProfilingBatchSchema.safeParse(JSON.parse(body));
        const fast = acceptBatch(JSON.parse(body));
        let actual: unknown;
        try {
          actual = pipe.transform(JSON.parse(body));
        } catch (error) {
          expect(error).toBeInstanceOf(ZodValidationException);
          actual = undefined;
        }
        const context = { seed, body, fastAccepted: fast !== undefined, zodAccepted: expected.success };
        if (expected.success) {
          accepted++;
          expect({ ...context, output: actual }).toEqual({ ...context, output: expected.data });
        } else {
          expect({ ...context, output: actual }).toEqual({ ...context, fastAccepted: false, output: undefined });
        }
        if (fast) expect({ ...context, output: fast }).toEqual({ ...context, output: expected.data });
      }
      expect(accepted).toBeGreaterThan(100);
    });

    it('should make the records with equal library lists share one array', () => {
      const batch = batchOf([windowRecord(), windowRecord(), windowRecord({ libraries: [] })]);

      const [first, second, third] = pipe.transform(structuredClone(batch)).events;

      expect(first?.libraries).toBe(second?.libraries);
      expect(third?.libraries).toEqual([]);
    });

    it("should give the records that name a list the batch's list, one array per list", () => {
      const ms = [{ name: 'ms', version: '2.1.3' }];
      const batch = listedBatchOf([WINDOW_LIBRARIES, ms], [listedRecord(1), listedRecord(0), listedRecord(1)]);

      const { events } = pipe.transform(structuredClone(batch));

      expect(events.map((event) => event.libraries)).toEqual([ms, WINDOW_LIBRARIES, ms]);
      expect(events[0]?.libraries).toBe(events[2]?.libraries);
      expect(events[0]).not.toHaveProperty('libraryList');
    });

    it('should name the record and the field of a libraryList that is out of range', () => {
      const events = Array.from({ length: 13 }, () => listedRecord(0));
      events[12] = listedRecord(1);

      expect(pathsOf(() => pipe.transform(listedBatchOf([WINDOW_LIBRARIES], events)))).toEqual(['events.12.libraryList']);
    });

    it('should name the record and the field of inline libraries (the retired first form), also next to libraryList', () => {
      const events = Array.from({ length: 13 }, () => listedRecord(0));
      events[3] = { ...listedRecord(0), libraries: WINDOW_LIBRARIES } as never;

      expect(pathsOf(() => pipe.transform(listedBatchOf([WINDOW_LIBRARIES], events)))).toEqual(['events.3.libraries']);
      expect(pathsOf(() => pipe.transform(inlineBatchOf([windowRecord()])))).toEqual([
        'events.0.libraries',
        'events.0.libraryList',
      ]);
    });

    it('should name the list and the field of an invalid value', () => {
      const bad = { ...windowRecord(), libraries: [{ name: 'express', version: '5.3.0' }, { name: 'Not A Name' }] };

      expect(pathsOf(() => pipe.transform(batchOf([windowRecord(), bad as never])))).toEqual([
        'libraryLists.1.1.name',
        'libraryLists.1.1.version',
      ]);
    });
  });
});
