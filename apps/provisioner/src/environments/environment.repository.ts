import { Injectable } from '@nestjs/common';
import type { ProvisionTimings } from '@tailor/contracts';
import { Prisma, PrismaService } from '@tailor/prisma';

import type { LaunchedRuntime } from './runtime-launcher';

export const environmentWithProfile = { include: { profile: true } } satisfies Prisma.EnvironmentDefaultArgs;
export type EnvironmentRecord = Prisma.EnvironmentGetPayload<typeof environmentWithProfile>;

export interface NewEnvironment {
  id: string;
  applicationId: string;
  endpointId: string;
  correlationId: string;
}

export interface RunningEnvironment {
  path: 'cold_specialized' | 'cold_fallback';
  profileId: string;
  imageRef: string;
  imageHash: string;
  runtime: LaunchedRuntime;
  timings: ProvisionTimings;
}

@Injectable()
export class EnvironmentRepository {
  constructor(private readonly prisma: PrismaService) {}

  async create(environment: NewEnvironment): Promise<void> {
    await this.prisma.environment.create({ data: { ...environment, state: 'creating' } });
  }

  /** Marks the environment running and writes the provision's feedback row, in one transaction. */
  markRunning(id: string, { path, profileId, imageRef, imageHash, runtime, timings }: RunningEnvironment): Promise<EnvironmentRecord> {
    return this.prisma.$transaction(async (tx) => {
      const environment = await tx.environment.update({
        where: { id },
        data: {
          state: 'running',
          path,
          profileId,
          imageRef,
          imageHash,
          containerId: runtime.containerId,
          host: runtime.host,
          port: runtime.port,
          memoryBytes: runtime.memoryBytes,
          nanoCpus: runtime.nanoCpus,
          timings: { ...timings },
          readyAt: new Date(),
        },
        ...environmentWithProfile,
      });
      await tx.feedback.create({
        data: {
          environmentId: id,
          applicationId: environment.applicationId,
          endpointId: environment.endpointId,
          outcome: 'cold',
          timeToReadyMs: timings.totalMs,
          librariesMissed: [],
          preloadsUnused: [],
          imageUsedHash: imageHash,
          imagePredictedHash: environment.profile?.contentHash ?? null,
        },
      });
      return environment;
    });
  }

  async markFailed(id: string, reason: string): Promise<void> {
    await this.prisma.environment.update({ where: { id }, data: { state: 'failed', failureReason: reason } });
  }

  markRemoved(id: string): Promise<EnvironmentRecord> {
    return this.prisma.environment.update({
      where: { id },
      data: { state: 'removed', removedAt: new Date() },
      ...environmentWithProfile,
    });
  }

  findById(id: string): Promise<EnvironmentRecord | null> {
    return this.prisma.environment.findUnique({ where: { id }, ...environmentWithProfile });
  }
}
