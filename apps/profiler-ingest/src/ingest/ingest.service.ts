import { Injectable } from '@nestjs/common';
import type { ProfilingBatch } from '@tailor/contracts';
import { PinoLogger } from 'nestjs-pino';

import { DataChangedNotifier } from '../notify/data-changed.notifier';
import { BatchWriter } from './batch-writer';
import { rollupDeltas } from './endpoint-rollups';
import { eventRows } from './event-rows';
import { IngestErrorCode, IngestException } from './ingest.exception';
import type { StoredBatch } from './profiling-event.repository';

const sum = (values: number[]): number => values.reduce((total, value) => total + value, 0);
/** NUL, or a UTF-16 surrogate without its pair: Postgres text and jsonb refuse both */
const UNPAIRED_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const unstorable = (value: string): boolean => value.includes('\u0000') || UNPAIRED_SURROGATE.test(value);

@Injectable()
export class IngestService {
  constructor(
    private readonly writer: BatchWriter,
    private readonly notifier: DataChangedNotifier,
    private readonly logger: PinoLogger,
  ) {}

  /** Stores a batch once (durably, with its rollups) and tells the predictor which endpoints changed. */
  async ingest(batch: ProfilingBatch): Promise<StoredBatch> {
    this.checkConsistency(batch);
    const { batchId, events, agent } = batch;
    const stored = await this.writer.write({
      batchId,
      eventCount: events.length,
      droppedInvocations: agent?.droppedInvocations ?? 0,
      agentInstanceId: agent?.instanceId ?? null,
      rows: eventRows(batchId, events),
      rollups: rollupDeltas(events),
    });
    this.logger.info(stored, stored.duplicate ? 'batch already stored' : 'batch stored');
    // also for a duplicate: its first delivery may have died before notifying; job ids make this idempotent
    this.notifier.notifyInBackground(changedEndpoints(batch));
    return stored;
  }

  /** What the schema cannot say of one record: its histograms must count exactly its invocations. */
  private checkConsistency({ events }: ProfilingBatch): void {
    /** library lists already found storable: records that share a list (see ProfilingBatchPipe) share the array */
    const storableLists = new Set<ProfilingBatch['events'][number]['libraries']>();
    events.forEach((event, index) => {
      const unstorableField = (field: string) =>
        new IngestException(
          IngestErrorCode.UnstorableValue,
          `events.${index}.${field}: contains a NUL or unpaired surrogate`,
        );
      if (unstorable(event.language)) throw unstorableField('language');
      if (unstorable(event.languageVersion)) throw unstorableField('languageVersion');
      if (!storableLists.has(event.libraries)) {
        event.libraries.forEach((library, i) => {
          if (unstorable(library.version)) throw unstorableField(`libraries.${i}.version`);
        });
        storableLists.add(event.libraries);
      }
      if (!event.histograms) return;
      for (const [field, counts] of Object.entries(event.histograms)) {
        if (sum(counts) !== event.invocations) {
          throw new IngestException(
            IngestErrorCode.InconsistentRecord,
            `events.${index}.histograms.${field}: must count ${event.invocations} invocations, counts ${sum(counts)}`,
          );
        }
      }
      if (event.executionTimeMaxMs !== undefined && event.executionTimeMaxMs + 1e-6 < event.executionTimeMs) {
        throw new IngestException(
          IngestErrorCode.InconsistentRecord,
          `events.${index}.executionTimeMaxMs: must not be below executionTimeMs (the mean)`,
        );
      }
    });
  }
}

function changedEndpoints({ events }: ProfilingBatch): { applicationId: string; endpointId: string }[] {
  const seen = new Map<string, { applicationId: string; endpointId: string }>();
  for (const { applicationId, endpointId } of events)
    seen.set(`${applicationId}\n${endpointId}`, { applicationId, endpointId });
  return [...seen.values()];
}
