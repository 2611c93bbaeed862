import { z } from 'zod';

import { IdentifierSchema } from './identifiers.schema';
import { LibrarySchema } from './runtime-profile.schema';

const bytes = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const milliseconds = z.number().min(0).max(86_400_000);

/** What the profiling agent records for one endpoint invocation (or an aggregated window of `invocations` of them). */
export const ProfilingDataSchema = z.object({
  applicationId: IdentifierSchema,
  endpointId: IdentifierSchema,
  language: z.string().min(1).max(32),
  languageVersion: z.string().min(1).max(32),
  libraries: z.array(LibrarySchema).max(2000),
  invocations: z.number().int().min(1).max(1_000_000).default(1),
  cpuTimeMs: milliseconds,
  memory: z.object({ rssBytes: bytes, heapUsedBytes: bytes, peakRssBytes: bytes }),
  io: z.object({ readBytes: bytes, writeBytes: bytes }).default({ readBytes: 0, writeBytes: 0 }),
  requestBytes: bytes.default(0),
  responseBytes: bytes.default(0),
  executionTimeMs: milliseconds,
  timestamp: z.iso.datetime({ offset: true }),
});
export type ProfilingData = z.infer<typeof ProfilingDataSchema>;

export const ProfilingBatchSchema = z.object({
  batchId: z.uuid(),
  events: z.array(ProfilingDataSchema).min(1).max(10_000),
});
export type ProfilingBatch = z.infer<typeof ProfilingBatchSchema>;
