import { gzipSync } from 'node:zlib';

import {
  createTestDatabase,
  ServiceProcess,
  startServiceProcess,
  TestDatabase,
  uniqueNamespace,
  waitFor,
} from '@tailor/testing';

import { batchOf, inlineBatchOf, listedBatchOf, listedRecord, WINDOW_LIBRARIES, windowRecord } from './profiling-batch.factory';

const CASES = 400;
const BODY_LIMIT = 512 * 1024;

/** mulberry32: a seeded PRNG, so that a failing case can be replayed from its seed */
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

interface FuzzCase {
  kind: string;
  body: Buffer | string;
  headers?: Record<string, string>;
}

const WEIRD_VALUES: unknown[] = [
  null,
  true,
  -1,
  0,
  1.5,
  1e308,
  -1e308,
  2 ** 53 + 2,
  '',
  ' ',
  'x'.repeat(100_000),
  '\u0000',
  '\ud800',
  'é',
  '💥',
  [],
  {},
  [1, 2, 3],
  { a: 1 },
  '2026-02-30T00:00:00Z',
  '0000-01-01T00:00:00Z',
  '9999-12-31T23:59:59.999Z',
  '1e3',
  'NaN',
];

function randomJson(random: () => number, depth = 0): unknown {
  const pick = Math.floor(random() * (depth > 4 ? 4 : 7));
  switch (pick) {
    case 0:
      return random() * 1e6 - 5e5;
    case 1:
      return random()
        .toString(36)
        .repeat(Math.floor(random() * 20));
    case 2:
      return random() < 0.5;
    case 3:
      return null;
    case 4:
      return Array.from({ length: Math.floor(random() * 5) }, () => randomJson(random, depth + 1));
    default:
      return Object.fromEntries(
        Array.from({ length: Math.floor(random() * 5) }, (_, i) => [
          ['batchId', 'events', 'memory', 'libraries', 'libraryLists', 'libraryList', `k${i}`][
            Math.floor(random() * 7)
          ] as string,
          randomJson(random, depth + 1),
        ]),
      );
  }
}

/**
 * a batch (of the wire form, or of the retired first form with its libraries inline) with one value somewhere replaced
 * by a value of the wrong type, size or range
 */
function mutatedBatch(random: () => number): unknown {
  const form = random();
  const valid =
    form < 0.4
      ? batchOf([windowRecord(), windowRecord({ endpointId: 'GET /b' })])
      : form < 0.8
        ? listedBatchOf([WINDOW_LIBRARIES], [listedRecord(0), listedRecord(0, { endpointId: 'GET /b' }), listedRecord(0)])
        : inlineBatchOf([windowRecord(), windowRecord({ endpointId: 'GET /b' })]);
  const batch = JSON.parse(JSON.stringify(valid));
  const paths: (string | number)[][] = [];
  const walk = (value: unknown, path: (string | number)[]) => {
    paths.push(path);
    if (value && typeof value === 'object') {
      for (const [key, child] of Object.entries(value))
        walk(child, [...path, Array.isArray(value) ? Number(key) : key]);
    }
  };
  walk(batch, []);
  const path = paths[1 + Math.floor(random() * (paths.length - 1))] as (string | number)[];
  const parent = path
    .slice(0, -1)
    .reduce<Record<string | number, unknown>>((node, key) => node[key] as Record<string | number, unknown>, batch);
  const weird = WEIRD_VALUES[Math.floor(random() * WEIRD_VALUES.length)];
  if (random() < 0.2) delete parent[path[path.length - 1] as string];
  else parent[path[path.length - 1] as string] = weird;
  return batch;
}

function deeplyNested(depth: number, random: () => number): string {
  const inside = random() < 0.5 ? `{"batchId":"${'0'.repeat(8)}-0000-4000-8000-000000000000","events":` : '';
  return `${inside}${'['.repeat(depth)}1${']'.repeat(depth)}${inside ? '}' : ''}`;
}

function fuzzCase(random: () => number): FuzzCase {
  const kind = Math.floor(random() * 8);
  const json = { 'content-type': 'application/json' };
  switch (kind) {
    case 0:
      return { kind: 'random json', body: JSON.stringify(randomJson(random)), headers: json };
    case 1:
    case 2:
      return { kind: 'mutated batch', body: JSON.stringify(mutatedBatch(random)), headers: json };
    case 3:
      return { kind: 'deep nesting', body: deeplyNested(1 + Math.floor(random() * 20_000), random), headers: json };
    case 4: {
      const bytes = Buffer.from(
        Array.from({ length: 1 + Math.floor(random() * 2000) }, () => Math.floor(random() * 256)),
      );
      return { kind: 'random bytes', body: bytes, headers: json };
    }
    case 5: {
      const text = JSON.stringify(batchOf([windowRecord({ language: 'nodeXX' })]));
      const bytes = Buffer.from(text.replace('nodeXX', 'node\u00ff\u00fe'), 'latin1');
      return { kind: 'non-UTF-8 inside a string', body: bytes, headers: json };
    }
    case 6: {
      const text = JSON.stringify(mutatedBatch(random));
      const cut = text.slice(0, Math.floor(random() * text.length));
      return {
        kind: 'truncated gzip or json',
        body: random() < 0.5 ? gzipSync(cut) : cut,
        headers: random() < 0.5 ? { ...json, 'content-encoding': 'gzip' } : json,
      };
    }
    default:
      return {
        kind: 'huge string',
        body: JSON.stringify(
          batchOf([windowRecord({ languageVersion: 'v'.repeat(Math.floor(random() * BODY_LIMIT * 1.5)) })]),
        ),
        headers: json,
      };
  }
}

describe('POST /v1/profiles under fuzzed bad batches', () => {
  const seed = Number(process.env.FUZZ_SEED ?? 20261128);
  let database: TestDatabase;
  let ingest: ServiceProcess;

  beforeAll(async () => {
    database = await createTestDatabase();
    ingest = await startServiceProcess('profiler-ingest', {
      DATABASE_URL: database.url,
      TAILOR_NAMESPACE: uniqueNamespace('fuzz'),
      HTTP_BODY_LIMIT_BYTES: String(BODY_LIMIT),
      RETENTION_PRUNE_INTERVAL_MS: '0',
    });
  });

  afterAll(async () => {
    await ingest?.stop();
    await database?.drop();
  });

  it(`should answer every one of ${CASES} bad batches with a 4xx and keep serving (seed ${seed})`, async () => {
    const random = prng(seed);
    const failures: string[] = [];
    for (let i = 0; i < CASES; i++) {
      const { kind, body, headers } = fuzzCase(random);
      const response = await fetch(`${ingest.url}/v1/profiles`, { method: 'POST', headers, body });
      await response.arrayBuffer();
      // a mutation may happen to leave the batch valid: then 202 is right
      if (response.status >= 500 || (response.status < 400 && response.status !== 202)) {
        failures.push(`case ${i} (${kind}): ${response.status}`);
      }
    }

    expect(failures).toEqual([]);
    const healthy = await fetch(`${ingest.url}/v1/profiles`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(batchOf([windowRecord()])),
    });
    expect(healthy.status).toBe(202);
    // logs are written asynchronously and in order: once the last request's line is out, every earlier one is
    const lastRequest = healthy.headers.get('x-correlation-id');
    await waitFor(async () => ingest.output().includes(`"correlationId":"${lastRequest}"`), {
      what: "the last request's log line",
    });
    expect(ingest.output()).not.toMatch(/"level":(50|60)/);
  });
});
