import { Injectable } from '@nestjs/common';
import { InjectNamespace } from '@tailor/config';
import type { ImageMatch, ProfileResolution, ProvisionTimings } from '@tailor/contracts';
import { Prisma, PrismaService } from '@tailor/prisma';

import type { LaunchedRuntime } from '../engines/runtime-launcher';
import { FeedbackRepository, type InvocationFeedback } from '../feedback/feedback.repository';

export const environmentWithProfile = { include: { profile: true } } satisfies Prisma.EnvironmentDefaultArgs;
export type EnvironmentRecord = Prisma.EnvironmentGetPayload<typeof environmentWithProfile>;

export interface NewEnvironment {
  id: string;
  applicationId: string;
  endpointId: string;
  correlationId: string;
  profileId: string | null;
  profileSource: ProfileResolution;
  imageRef: string;
  imageHash: string;
  imageMatch: ImageMatch;
  buildEnqueued: boolean;
}

export interface RunningEnvironment {
  path: 'cold_specialized' | 'cold_fallback';
  runtime: LaunchedRuntime;
  timings: ProvisionTimings;
  predictedHash: string;
}

/** Under a burst of provisions every connection may be busy for a while: wait for one rather than fail the provision. */
const TRANSACTION_OPTIONS = { maxWait: 15_000, timeout: 15_000 };

@Injectable()
export class EnvironmentRepository {
  /** every row is written with the provisioner's TAILOR_NAMESPACE; what it reconciles, reaps and fails is its own */
  private readonly namespace: string;

  constructor(
    private readonly prisma: PrismaService,
    private readonly feedback: FeedbackRepository,
    @InjectNamespace() namespace: string,
  ) {
    this.namespace = namespace;
  }

  async create(environment: NewEnvironment): Promise<void> {
    await this.prisma.environment.create({ data: { ...environment, state: 'creating', namespace: this.namespace } });
  }

  /** A provision that failed before any container was started (its dependencies did not answer). */
  async createFailed(environment: Pick<NewEnvironment, 'id' | 'applicationId' | 'endpointId' | 'correlationId'>, reason: string): Promise<void> {
    await this.prisma.environment.create({ data: { ...environment, state: 'failed', failureReason: reason, namespace: this.namespace } });
  }

  /** Marks the environment running and writes the provision's feedback row, in one transaction. */
  markRunning(id: string, { path, runtime, timings, predictedHash }: RunningEnvironment): Promise<EnvironmentRecord> {
    return this.prisma.$transaction(async (tx) => {
      const now = new Date();
      const environment = await tx.environment.update({
        where: { id },
        data: {
          state: 'running',
          path,
          containerId: runtime.containerId,
          dockerHost: runtime.dockerHost,
          host: runtime.host,
          port: runtime.port,
          memoryBytes: runtime.memoryBytes,
          nanoCpus: runtime.nanoCpus,
          timings: { ...timings },
          readyAt: now,
          lastActiveAt: now,
        },
        ...environmentWithProfile,
      });
      await this.feedback.recordColdProvision(tx, {
        environmentId: id,
        applicationId: environment.applicationId,
        endpointId: environment.endpointId,
        timeToReadyMs: timings.totalMs,
        imageUsedHash: environment.imageHash,
        imagePredictedHash: predictedHash,
      });
      return environment;
    }, TRANSACTION_OPTIONS);
  }

  async markFailed(id: string, reason: string): Promise<void> {
    await this.prisma.environment.updateMany({ where: { id, state: { in: ['creating', 'running'] } }, data: { state: 'failed', failureReason: reason } });
  }

  /** The environment whose container died, if it was running (only one replica gets it). */
  async failByContainer(containerId: string, reason: string): Promise<{ id: string; poolContainerId: string | null } | null> {
    const rows = await this.prisma.environment.updateManyAndReturn({
      where: { containerId, state: 'running', namespace: this.namespace },
      data: { state: 'failed', failureReason: reason },
      select: { id: true, poolContainerId: true },
    });
    return rows[0] ?? null;
  }

  markRemoved(id: string, reason?: string): Promise<EnvironmentRecord> {
    return this.prisma.environment.update({
      where: { id },
      data: { state: 'removed', removedAt: new Date(), ...(reason ? { failureReason: reason } : {}) },
      ...environmentWithProfile,
    });
  }

  findById(id: string): Promise<EnvironmentRecord | null> {
    return this.prisma.environment.findUnique({ where: { id }, ...environmentWithProfile });
  }

  /** Environments that may hold a container: running, or still being created. */
  live(): Promise<EnvironmentRecord[]> {
    return this.prisma.environment.findMany({
      where: { state: { in: ['creating', 'running'] }, namespace: this.namespace },
      ...environmentWithProfile,
    });
  }

  /** Running environments without a provision or invocation since `before`. */
  abandoned(before: Date): Promise<EnvironmentRecord[]> {
    return this.prisma.environment.findMany({
      where: { state: 'running', namespace: this.namespace, OR: [{ lastActiveAt: { lt: before } }, { lastActiveAt: null, readyAt: { lt: before } }] },
      ...environmentWithProfile,
    });
  }

  /** Records an invocation: the environment is active, and a feedback row tells the retrain what the runtime saw. */
  async recordInvocation(feedback: InvocationFeedback): Promise<void> {
    await this.prisma.$transaction([
      this.prisma.environment.update({ where: { id: feedback.environmentId }, data: { lastActiveAt: new Date() } }),
      this.feedback.invocation(feedback),
    ]);
  }
}
