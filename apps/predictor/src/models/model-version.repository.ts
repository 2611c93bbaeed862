import { Injectable } from '@nestjs/common';
import { Prisma, PrismaService } from '@tailor/prisma';

export const RUNTIME_MODEL_KIND = 'runtime-profile';

export type ModelStatus = 'training' | 'candidate' | 'champion' | 'retired' | 'rejected';

export interface ModelVersionRow {
  id: string;
  kind: string;
  version: number;
  status: ModelStatus;
  dataWindowStart: Date | null;
  dataWindowEnd: Date | null;
  metrics: unknown;
  statusReason: string | null;
  createdAt: Date;
  promotedAt: Date | null;
}

const UNIQUE_VIOLATION = 'P2002';
const SUMMARY = {
  id: true,
  kind: true,
  version: true,
  status: true,
  dataWindowStart: true,
  dataWindowEnd: true,
  metrics: true,
  statusReason: true,
  createdAt: true,
  promotedAt: true,
} as const;

@Injectable()
export class ModelVersionRepository {
  constructor(private readonly prisma: PrismaService) {}

  async champion(kind = RUNTIME_MODEL_KIND): Promise<(ModelVersionRow & { artifact: Uint8Array | null }) | null> {
    return this.prisma.modelVersion.findFirst({ where: { kind, status: 'champion' }, orderBy: { version: 'desc' } });
  }

  /** The champion's id only (the cheap poll of other replicas). */
  async championId(kind = RUNTIME_MODEL_KIND): Promise<string | null> {
    const row = await this.prisma.modelVersion.findFirst({ where: { kind, status: 'champion' }, orderBy: { version: 'desc' }, select: { id: true } });
    return row?.id ?? null;
  }

  async list(kind = RUNTIME_MODEL_KIND, take = 20): Promise<ModelVersionRow[]> {
    return this.prisma.modelVersion.findMany({ where: { kind }, orderBy: { version: 'desc' }, take, select: SUMMARY });
  }

  /** A new version in status training; concurrent creators each retry on the version they lost. */
  async createTraining(window: { start: Date; end: Date }, kind = RUNTIME_MODEL_KIND): Promise<ModelVersionRow> {
    for (;;) {
      const last = await this.prisma.modelVersion.findFirst({ where: { kind }, orderBy: { version: 'desc' }, select: { version: true } });
      try {
        return await this.prisma.modelVersion.create({
          data: { kind, version: (last?.version ?? 0) + 1, status: 'training', dataWindowStart: window.start, dataWindowEnd: window.end },
          select: SUMMARY,
        });
      } catch (error) {
        if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === UNIQUE_VIOLATION)) throw error;
      }
    }
  }

  async markCandidate(id: string, metrics: object, artifact: Uint8Array): Promise<void> {
    await this.prisma.modelVersion.update({
      where: { id },
      data: { status: 'candidate', metrics: metrics as Prisma.InputJsonObject, artifact: Buffer.from(artifact) },
    });
  }

  async reject(id: string, reason: string, metrics?: object): Promise<void> {
    await this.prisma.modelVersion.update({
      where: { id },
      data: { status: 'rejected', statusReason: reason, ...(metrics ? { metrics: metrics as Prisma.InputJsonObject } : {}) },
    });
  }

  /** Makes `id` the one champion of its kind (the previous one retires) in one transaction. */
  async promote(id: string, reason: string, metrics: object, kind = RUNTIME_MODEL_KIND): Promise<void> {
    await this.prisma.$transaction([
      this.prisma.modelVersion.updateMany({ where: { kind, status: 'champion', id: { not: id } }, data: { status: 'retired' } }),
      this.prisma.modelVersion.update({
        where: { id },
        data: { status: 'champion', statusReason: reason, promotedAt: new Date(), metrics: metrics as Prisma.InputJsonObject },
      }),
    ]);
  }
}
