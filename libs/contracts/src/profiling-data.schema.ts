import { z } from 'zod';

import { EXECUTION_TIME_BUCKETS_MS, MEMORY_BUCKETS_BYTES } from './histogram-buckets';
import { IdentifierSchema } from './identifiers.schema';
import { LibrarySchema } from './runtime-profile.schema';

const bytes = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const milliseconds = z.number().min(0).max(86_400_000);

export { EXECUTION_TIME_BUCKETS_MS, MEMORY_BUCKETS_BYTES };

/** the records one batch may carry */
export const MAX_BATCH_EVENTS = 10_000;
/** the distinct library lists one batch may carry: one per record at most, so that every batch can name each record's */
export const MAX_LIBRARY_LISTS = MAX_BATCH_EVENTS;
const LibraryListSchema = z.array(LibrarySchema).max(2000);

/** checked in one pass (a per-element schema costs ~3x more, and ingest validates tens of thousands a second) */
const histogram = (bounds: readonly number[]) =>
  z
    .array(z.number())
    .length(bounds.length + 1, `must have ${bounds.length + 1} buckets`)
    .refine((counts) => counts.every((count) => Number.isInteger(count) && count >= 0 && count <= 1_000_000), {
      message: 'bucket counts must be integers within 0..1000000',
    });

/**
 * What the profiling agent records for one endpoint invocation (or an aggregated window of `invocations` of them).
 * For a window: cpuTimeMs and executionTimeMs are per-invocation means, memory figures are maxima, and io,
 * requestBytes and responseBytes are totals over the window.
 */
export const ProfilingDataSchema = z.object({
  applicationId: IdentifierSchema,
  endpointId: IdentifierSchema,
  language: z.string().min(1).max(32),
  languageVersion: z.string().min(1).max(32),
  libraries: LibraryListSchema,
  invocations: z.number().int().min(1).max(1_000_000).default(1),
  cpuTimeMs: milliseconds,
  memory: z.object({ rssBytes: bytes, heapUsedBytes: bytes, peakRssBytes: bytes }),
  io: z.object({ readBytes: bytes, writeBytes: bytes }).default({ readBytes: 0, writeBytes: 0 }),
  requestBytes: bytes.default(0),
  responseBytes: bytes.default(0),
  executionTimeMs: milliseconds,
  timestamp: z.iso.datetime({ offset: true }),
  /** slowest invocation of the window */
  executionTimeMaxMs: milliseconds.optional(),
  /** length of the aggregation window the record covers */
  windowSeconds: z.number().int().min(1).max(3600).optional(),
  /** invocation counts per bucket of EXECUTION_TIME_BUCKETS_MS and MEMORY_BUCKETS_BYTES (RSS at the end of each) */
  histograms: z
    .object({ executionTimeMs: histogram(EXECUTION_TIME_BUCKETS_MS), rssBytes: histogram(MEMORY_BUCKETS_BYTES) })
    .optional(),
});
export type ProfilingData = z.infer<typeof ProfilingDataSchema>;
export type ProfilingDataInput = z.input<typeof ProfilingDataSchema>;

/** Who sent a batch: a keyed hash of the agent instance, and what its bounded buffer had to drop so far. */
export const AgentReportSchema = z.object({
  instanceId: z.string().regex(/^[a-f0-9]{16,64}$/, 'must be a hex keyed hash'),
  agentVersion: z.string().min(1).max(32),
  /** invocations recorded but dropped (buffer bound or rejected batch) since the agent started */
  droppedInvocations: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
});
export type AgentReport = z.infer<typeof AgentReportSchema>;

/**
 * A record as sent: its libraries named by the index of one of the batch's `libraryLists` (`libraryList`). The first
 * wire form, with the list inline in every record (`libraries`), is retired: such a record is refused, the field named.
 */
export const ProfilingRecordSchema = ProfilingDataSchema.omit({ libraries: true }).extend({
  libraries: z
    .never({ error: 'no longer accepted inline: list it once in the batch\'s libraryLists and give its index as libraryList' })
    .optional()
    .describe('retired (the first wire form): refused'),
  libraryList: z
    .number()
    .int()
    .min(0)
    .max(MAX_LIBRARY_LISTS - 1)
    .describe("index of the batch's libraryLists entry that lists the libraries loaded"),
});
export type ProfilingRecordInput = z.input<typeof ProfilingRecordSchema>;

/** A batch as sent, its records' libraries not yet resolved (ProfilingBatchSchema resolves them). */
export const ProfilingBatchWireSchema = z.object({
  batchId: z.uuid(),
  libraryLists: z
    .array(LibraryListSchema)
    .max(MAX_LIBRARY_LISTS)
    .optional()
    .describe('each distinct library list of the batch once, which records name by index (their libraryList)'),
  events: z.array(ProfilingRecordSchema).min(1).max(MAX_BATCH_EVENTS),
  agent: AgentReportSchema.optional(),
});
export type ProfilingBatchWire = z.infer<typeof ProfilingBatchWireSchema>;

