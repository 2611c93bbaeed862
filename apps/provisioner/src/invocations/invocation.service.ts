import { Injectable } from '@nestjs/common';
import { InjectConfig } from '@tailor/config';
import type { Invocation, InvokeRequest, LoadBundleReply, LoadBundleRequest } from '@tailor/contracts';

import { invocationsConfig, type InvocationsConfig } from '../config/provisioner-config.groups';
import { EnvironmentErrorCode, EnvironmentException } from '../environments/environment.exception';
import { EnvironmentRecord, EnvironmentRepository } from '../environments/environment.repository';
import { runtimeClientFor } from './runtime-client';

const LOAD_TIMEOUT_MS = 60_000;

/** Loads a function's handler bundle into an environment's runtime and invokes it; every invocation writes feedback. */
@Injectable()
export class InvocationService {
  private readonly timeoutMs: number;

  constructor(
    private readonly environments: EnvironmentRepository,
    @InjectConfig(invocationsConfig) invocations: InvocationsConfig,
  ) {
    this.timeoutMs = invocations.timeoutMs;
  }

  async load(id: string, bundle: LoadBundleRequest): Promise<LoadBundleReply> {
    const { url, record } = await this.running(id);
    const { applicationId, endpointId } = record;
    const reply = await runtimeClientFor(url, LOAD_TIMEOUT_MS).load({ ...bundle, applicationId, endpointId });
    return { environmentId: id, loadMs: reply.loadMs };
  }

  async invoke(id: string, { event }: InvokeRequest): Promise<Invocation> {
    const { url, record } = await this.running(id);
    const runtime = runtimeClientFor(url, this.timeoutMs);
    const { result, durationMs } = await runtime.invoke({ event });
    const report = await runtime.report();
    const invocation: Invocation = {
      environmentId: id,
      result,
      durationMs,
      librariesMissed: report.misses ?? [],
      preloadsUnused: report.unusedPreloads ?? [],
      memoryPeakBytes: report.memory?.peakRssBytes ?? null,
    };
    await this.environments.recordInvocation({
      environmentId: id,
      applicationId: record.applicationId,
      endpointId: record.endpointId,
      outcome: record.path === 'warm_hit' ? 'warm' : 'cold',
      timeToReadyMs: (record.timings as { totalMs?: number } | null)?.totalMs ?? 0,
      durationMs,
      librariesMissed: invocation.librariesMissed,
      preloadsUnused: invocation.preloadsUnused,
      memoryPeakBytes: invocation.memoryPeakBytes,
      imageUsedHash: record.imageHash,
      imagePredictedHash: record.profile?.contentHash ?? null,
    });
    return invocation;
  }

  private async running(id: string): Promise<{ url: string; record: EnvironmentRecord }> {
    const record = await this.environments.findById(id);
    if (!record) throw new EnvironmentException(EnvironmentErrorCode.NotFound, `environment ${id} does not exist`);
    if (record.state !== 'running' || !record.host || !record.port) {
      throw new EnvironmentException(EnvironmentErrorCode.NotRunning, `environment ${id} is ${record.state}, not running`);
    }
    return { url: `http://${record.host}:${record.port}`, record };
  }
}
