import { Injectable } from '@nestjs/common';
import type { ProfilingBatch } from '@tailor/contracts';
import { Prisma, PrismaService } from '@tailor/prisma';

export interface StoredBatch {
  batchId: string;
  accepted: number;
  duplicate: boolean;
}

const UNIQUE_VIOLATION = 'P2002';

@Injectable()
export class ProfilingEventRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Stores a batch's events once: the batch row and its events commit together, and a re-sent batch id stores nothing. */
  async storeBatch({ batchId, events }: ProfilingBatch): Promise<StoredBatch> {
    try {
      await this.prisma.$transaction([
        this.prisma.ingestBatch.create({ data: { id: batchId, eventCount: events.length } }),
        this.prisma.profilingEvent.createMany({
          data: events.map((event) => ({
            batchId,
            applicationId: event.applicationId,
            endpointId: event.endpointId,
            language: event.language,
            languageVersion: event.languageVersion,
            libraries: event.libraries,
            invocations: event.invocations,
            cpuTimeMs: event.cpuTimeMs,
            rssBytes: event.memory.rssBytes,
            heapUsedBytes: event.memory.heapUsedBytes,
            peakRssBytes: event.memory.peakRssBytes,
            ioReadBytes: event.io.readBytes,
            ioWriteBytes: event.io.writeBytes,
            requestBytes: event.requestBytes,
            responseBytes: event.responseBytes,
            executionTimeMs: event.executionTimeMs,
            recordedAt: new Date(event.timestamp),
          })),
        }),
      ]);
      return { batchId, accepted: events.length, duplicate: false };
    } catch (error) {
      if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === UNIQUE_VIOLATION)) throw error;
      const stored = await this.prisma.ingestBatch.findUniqueOrThrow({ where: { id: batchId } });
      return { batchId, accepted: stored.eventCount, duplicate: true };
    }
  }
}
