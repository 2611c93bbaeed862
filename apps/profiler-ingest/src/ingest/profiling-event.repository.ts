import { Injectable } from '@nestjs/common';
import type { ProfilingBatch } from '@tailor/contracts';
import type { PoolClient } from 'pg';

import type { RollupDelta } from './endpoint-rollups';
import { EventStorePool } from './event-store.pool';
import { IngestErrorCode, IngestException } from './ingest.exception';

export interface StoredBatch {
  batchId: string;
  accepted: number;
  duplicate: boolean;
}

const INSERT_BATCH = `
  INSERT INTO ingest_batches (id, "eventCount", "droppedInvocations", "agentInstanceId")
  VALUES ($1, $2, $3, $4)
  ON CONFLICT (id) DO NOTHING
  RETURNING id`;

const INSERT_EVENTS = `
  INSERT INTO profiling_events ("batchId", "applicationId", "endpointId", language, "languageVersion", libraries,
    invocations, "cpuTimeMs", "rssBytes", "heapUsedBytes", "peakRssBytes", "ioReadBytes", "ioWriteBytes",
    "requestBytes", "responseBytes", "executionTimeMs", "recordedAt")
  SELECT $1::uuid, a, e, l, lv, ($18::jsonb[])[lib], inv, cpu, rss, heap, peak, ior, iow, req, res, exec, rec
  FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::int[], $8::float8[], $9::int8[],
    $10::int8[], $11::int8[], $12::int8[], $13::int8[], $14::int8[], $15::int8[], $16::float8[], $17::timestamptz[])
    AS t(a, e, l, lv, lib, inv, cpu, rss, heap, peak, ior, iow, req, res, exec, rec)`;

/** Element-wise sum of two int arrays (a stored rollup histogram may still be empty). */
const addArrays = (column: string) => `ARRAY(
    SELECT coalesce(a, 0) + coalesce(b, 0)
    FROM unnest(endpoint_rollups."${column}", EXCLUDED."${column}") WITH ORDINALITY AS h(a, b, i) ORDER BY i)`;

const UPSERT_ROLLUPS = `
  INSERT INTO endpoint_rollups ("applicationId", "endpointId", granularity, "bucketStart", invocations,
    "executionTimeSum", "executionTimeMax", "cpuTimeSum", "peakRssMax", "rssMax", "heapUsedMax", "ioReadBytesSum",
    "ioWriteBytesSum", "requestBytesSum", "responseBytesSum", "libraryCounts", "executionTimeHistogram", "rssHistogram",
    "updatedAt")
  SELECT a, e, g::"RollupGranularity", b, inv, es, em, cs, prm, rm, hm, ior, iow, req, res, lc::jsonb, eh::int[], rh::int[], now()
  FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::int[], $6::float8[], $7::float8[],
    $8::float8[], $9::int8[], $10::int8[], $11::int8[], $12::int8[], $13::int8[], $14::int8[], $15::int8[], $16::text[],
    $17::text[], $18::text[]) WITH ORDINALITY
    AS t(a, e, g, b, inv, es, em, cs, prm, rm, hm, ior, iow, req, res, lc, eh, rh, i)
  ORDER BY i
  ON CONFLICT ("applicationId", "endpointId", granularity, "bucketStart") DO UPDATE SET
    invocations = endpoint_rollups.invocations + EXCLUDED.invocations,
    "executionTimeSum" = endpoint_rollups."executionTimeSum" + EXCLUDED."executionTimeSum",
    "executionTimeMax" = greatest(endpoint_rollups."executionTimeMax", EXCLUDED."executionTimeMax"),
    "cpuTimeSum" = endpoint_rollups."cpuTimeSum" + EXCLUDED."cpuTimeSum",
    "peakRssMax" = greatest(endpoint_rollups."peakRssMax", EXCLUDED."peakRssMax"),
    "rssMax" = greatest(endpoint_rollups."rssMax", EXCLUDED."rssMax"),
    "heapUsedMax" = greatest(endpoint_rollups."heapUsedMax", EXCLUDED."heapUsedMax"),
    "ioReadBytesSum" = endpoint_rollups."ioReadBytesSum" + EXCLUDED."ioReadBytesSum",
    "ioWriteBytesSum" = endpoint_rollups."ioWriteBytesSum" + EXCLUDED."ioWriteBytesSum",
    "requestBytesSum" = endpoint_rollups."requestBytesSum" + EXCLUDED."requestBytesSum",
    "responseBytesSum" = endpoint_rollups."responseBytesSum" + EXCLUDED."responseBytesSum",
    "libraryCounts" = endpoint_rollups."libraryCounts" || coalesce((
      SELECT jsonb_object_agg(key, coalesce((endpoint_rollups."libraryCounts" ->> key)::bigint, 0) + value::bigint)
      FROM jsonb_each_text(EXCLUDED."libraryCounts")), '{}'::jsonb),
    "executionTimeHistogram" = ${addArrays('executionTimeHistogram')},
    "rssHistogram" = ${addArrays('rssHistogram')},
    "updatedAt" = now()`;

/** Postgres class 22 (data exception): the batch holds a value Postgres refuses, which is the sender's fault. */
function asUnstorable(error: unknown): unknown {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && code.startsWith('22')) {
    return new IngestException(
      IngestErrorCode.UnstorableValue,
      `a value of the batch cannot be stored: ${(error as Error).message}`,
    );
  }
  return error;
}

const pgArray = (values: number[]): string => `{${values.join(',')}}`;

/**
 * The write path of profiler-ingest. A batch's row, its events and its rollup deltas commit in one transaction, so
 * an acknowledged batch is durable and complete, and a re-sent batch id adds nothing.
 */
@Injectable()
export class ProfilingEventRepository {
  constructor(private readonly pool: EventStorePool) {}

  async storeBatch({ batchId, events, agent }: ProfilingBatch, rollups: RollupDelta[]): Promise<StoredBatch> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const inserted = await client.query(INSERT_BATCH, [
        batchId,
        events.length,
        agent?.droppedInvocations ?? 0,
        agent?.instanceId ?? null,
      ]);
      if (inserted.rowCount === 0) {
        await client.query('ROLLBACK');
        return { batchId, accepted: await this.storedEventCount(client, batchId), duplicate: true };
      }
      await client.query(INSERT_EVENTS, eventColumns(batchId, events));
      await client.query(UPSERT_ROLLUPS, rollupColumns(rollups));
      await client.query('COMMIT');
      return { batchId, accepted: events.length, duplicate: false };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw asUnstorable(error);
    } finally {
      client.release();
    }
  }

  private async storedEventCount(client: PoolClient, batchId: string): Promise<number> {
    const { rows } = await client.query<{ eventCount: number }>(
      'SELECT "eventCount" FROM ingest_batches WHERE id = $1',
      [batchId],
    );
    return rows[0]?.eventCount ?? 0;
  }
}

/**
 * The statement's parameters, one array per column. Library lists go once each (records that share a list share the
 * array, see ProfilingBatchPipe) and rows point at theirs: Postgres then parses each list once, not once per row.
 * Numbers and timestamps (digits and `-:.TZ+` only, by the schema) go as ready array literals: pg would escape each
 * element; strings go as arrays, which pg escapes.
 */
function eventColumns(batchId: string, events: ProfilingBatch['events']): unknown[] {
  const librarySets = new Map<unknown, number>();
  const librarySetOf = (libraries: unknown): number => {
    let librarySet = librarySets.get(libraries);
    if (librarySet === undefined) {
      librarySet = librarySets.size + 1;
      librarySets.set(libraries, librarySet);
    }
    return librarySet;
  };
  const strings = (get: (event: ProfilingBatch['events'][number]) => string): string[] => events.map(get);
  const literal = (get: (event: ProfilingBatch['events'][number]) => number | string): string =>
    `{${events.map(get).join(',')}}`;
  return [
    batchId,
    strings((e) => e.applicationId),
    strings((e) => e.endpointId),
    strings((e) => e.language),
    strings((e) => e.languageVersion),
    literal((e) => librarySetOf(e.libraries)),
    literal((e) => e.invocations),
    literal((e) => e.cpuTimeMs),
    literal((e) => e.memory.rssBytes),
    literal((e) => e.memory.heapUsedBytes),
    literal((e) => e.memory.peakRssBytes),
    literal((e) => e.io.readBytes),
    literal((e) => e.io.writeBytes),
    literal((e) => e.requestBytes),
    literal((e) => e.responseBytes),
    literal((e) => e.executionTimeMs),
    literal((e) => e.timestamp),
    [...librarySets.keys()].map((libraries) => JSON.stringify(libraries)),
  ];
}

function rollupColumns(rollups: RollupDelta[]): unknown[] {
  const pick = <T>(get: (delta: RollupDelta) => T): T[] => rollups.map(get);
  return [
    pick((d) => d.applicationId),
    pick((d) => d.endpointId),
    pick((d) => d.granularity),
    pick((d) => new Date(d.bucketStart).toISOString()),
    pick((d) => d.invocations),
    pick((d) => d.executionTimeSum),
    pick((d) => d.executionTimeMax),
    pick((d) => d.cpuTimeSum),
    pick((d) => d.peakRssMax),
    pick((d) => d.rssMax),
    pick((d) => d.heapUsedMax),
    pick((d) => d.ioReadBytesSum),
    pick((d) => d.ioWriteBytesSum),
    pick((d) => d.requestBytesSum),
    pick((d) => d.responseBytesSum),
    pick((d) => JSON.stringify(d.libraryCounts)),
    pick((d) => pgArray(d.executionTimeHistogram)),
    pick((d) => pgArray(d.rssHistogram)),
  ];
}
