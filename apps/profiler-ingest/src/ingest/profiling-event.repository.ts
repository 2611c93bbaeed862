import { Injectable } from '@nestjs/common';
import type { PoolClient } from 'pg';

import { mergeRollupDeltas, RollupDelta } from './endpoint-rollups';
import type { EventRows } from './event-rows';
import { EventStorePool } from './event-store.pool';
import { IngestErrorCode, IngestException } from './ingest.exception';

export interface StoredBatch {
  batchId: string;
  accepted: number;
  duplicate: boolean;
}

/** A validated batch, folded and serialised before it waits for a transaction. */
export interface PreparedBatch {
  batchId: string;
  eventCount: number;
  droppedInvocations: number;
  agentInstanceId: string | null;
  rows: EventRows;
  rollups: RollupDelta[];
}

const INSERT_BATCHES = `
  INSERT INTO ingest_batches (id, "eventCount", "droppedInvocations", "agentInstanceId")
  SELECT * FROM unnest($1::uuid[], $2::int[], $3::int[], $4::text[])
  ON CONFLICT (id) DO NOTHING
  RETURNING id`;

/** library lists are stored once each (by content hash); raw events reference theirs */
const INSERT_EVENTS = `
  WITH library_sets AS (
    INSERT INTO library_sets (hash, libraries)
    SELECT * FROM unnest($18::text[], $19::jsonb[])
    ON CONFLICT (hash) DO NOTHING)
  INSERT INTO profiling_events ("batchId", "applicationId", "endpointId", language, "languageVersion",
    "librarySetHash", invocations, "cpuTimeMs", "rssBytes", "heapUsedBytes", "peakRssBytes", "ioReadBytes",
    "ioWriteBytes", "requestBytes", "responseBytes", "executionTimeMs", "recordedAt")
  SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int[],
    $8::float8[], $9::int8[], $10::int8[], $11::int8[], $12::int8[], $13::int8[], $14::int8[], $15::int8[],
    $16::float8[], $17::timestamptz[])`;

/** Element-wise sum of two int arrays (a stored rollup histogram may still be empty). */
const addArrays = (column: string) => `ARRAY(
    SELECT coalesce(a, 0) + coalesce(b, 0)
    FROM unnest(endpoint_rollups."${column}", EXCLUDED."${column}") WITH ORDINALITY AS h(a, b, i) ORDER BY i)`;

const UPSERT_ROLLUPS = `
  INSERT INTO endpoint_rollups ("applicationId", "endpointId", granularity, "bucketStart", invocations,
    "executionTimeSum", "executionTimeMax", "cpuTimeSum", "peakRssMax", "rssMax", "heapUsedMax", "ioReadBytesSum",
    "ioWriteBytesSum", "requestBytesSum", "responseBytesSum", "libraryCounts", "executionTimeHistogram", "rssHistogram",
    "updatedAt")
  SELECT a, e, g::"RollupGranularity", b, inv, es, em, cs, prm, rm, hm, ior, iow, req, res, c.counts -> (i - 1)::int,
    eh::int[], rh::int[], now()
  FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::int[], $6::float8[], $7::float8[],
    $8::float8[], $9::int8[], $10::int8[], $11::int8[], $12::int8[], $13::int8[], $14::int8[], $15::int8[],
    $17::text[], $18::text[]) WITH ORDINALITY
    AS t(a, e, g, b, inv, es, em, cs, prm, rm, hm, ior, iow, req, res, eh, rh, i),
    (SELECT $16::jsonb AS counts) AS c
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

/** a batch id as Postgres writes it back (the schema also accepts upper-case hex digits) */
export const uuidOf = (batch: { batchId: string }): string => batch.batchId.toLowerCase();

const pgArray = (values: number[]): string => `{${values.join(',')}}`;

/**
 * The write path of profiler-ingest. Several batches (see BatchWriter) commit in one transaction: their rows, their
 * events, the library lists new to Postgres and their summed rollup deltas. An acknowledged batch is therefore durable
 * and complete, and a batch id stored before (or by a concurrent transaction) adds nothing.
 */
@Injectable()
export class ProfilingEventRepository {
  constructor(private readonly pool: EventStorePool) {}

  /** The outcome of each batch, in the order given. Batch ids must be distinct. */
  async storeBatches(batches: PreparedBatch[]): Promise<StoredBatch[]> {
    // rows are locked in id, hash and rollup key order, so that concurrent transactions cannot deadlock
    const byId = [...batches].sort((a, b) => (uuidOf(a) < uuidOf(b) ? -1 : 1));
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const inserted = await client.query<{ id: string }>(INSERT_BATCHES, [
        byId.map((b) => b.batchId),
        byId.map((b) => b.eventCount),
        byId.map((b) => b.droppedInvocations),
        byId.map((b) => b.agentInstanceId),
      ]);
      const newIds = new Set(inserted.rows.map((row) => row.id));
      const fresh = byId.filter((b) => newIds.has(uuidOf(b)));
      if (fresh.length > 0) {
        await client.query(INSERT_EVENTS, eventColumns(fresh));
        await client.query(UPSERT_ROLLUPS, rollupColumns(mergeRollupDeltas(fresh.map((b) => b.rollups))));
      }
      const duplicates = batches.filter((b) => !newIds.has(uuidOf(b))).map(uuidOf);
      const storedCounts = duplicates.length > 0 ? await this.storedEventCounts(client, duplicates) : new Map();
      await client.query('COMMIT');
      return batches.map((batch) => {
        const { batchId, eventCount } = batch;
        return newIds.has(uuidOf(batch))
          ? { batchId, accepted: eventCount, duplicate: false }
          : { batchId, accepted: storedCounts.get(uuidOf(batch)) ?? 0, duplicate: true };
      });
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw asUnstorable(error);
    } finally {
      client.release();
    }
  }

  private async storedEventCounts(client: PoolClient, batchIds: string[]): Promise<Map<string, number>> {
    const { rows } = await client.query<{ id: string; eventCount: number }>(
      'SELECT id, "eventCount" FROM ingest_batches WHERE id = ANY($1::uuid[])',
      [batchIds],
    );
    return new Map(rows.map((row) => [row.id, row.eventCount]));
  }
}

/** One array literal per column (the batches' bodies joined), then the batches' distinct library lists, by hash. */
function eventColumns(batches: PreparedBatch[]): unknown[] {
  const columns = (batches[0] as PreparedBatch).rows.columns.map(
    (_, i) => `{${batches.map((b) => b.rows.columns[i]).join(',')}}`,
  );
  const librarySets = new Map<string, string>();
  for (const { rows } of batches) for (const [hash, json] of rows.librarySets) librarySets.set(hash, json);
  const hashes = [...librarySets.keys()].sort();
  return [...columns, hashes, hashes.map((hash) => librarySets.get(hash))];
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
    // one JSON array, row i's counts at index i - 1: Postgres parses it once and pg need not escape each text
    JSON.stringify(rollups.map((d) => d.libraryCounts)),
    pick((d) => pgArray(d.executionTimeHistogram)),
    pick((d) => pgArray(d.rssHistogram)),
  ];
}
