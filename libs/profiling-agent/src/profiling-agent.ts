import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';

import type { AgentReport, ProfilingData } from '@tailor/contracts';

import { ProfilingAgentOptions, ResolvedAgentOptions, resolveAgentOptions } from './agent-options';
import { BatchShipper, OutgoingBatch, SendOutcome } from './batch-shipper';
import { InvocationMeter, InvocationStart } from './invocation-meter';
import { keyedHash, randomHashKey } from './keyed-hash';
import { LoadedLibraries } from './loaded-libraries';
import { RecordBuffer } from './record-buffer';
import { rawRecord, RecordContext, WindowAggregator } from './window-aggregator';

export const AGENT_VERSION = '0.1.0';

export interface AgentStats {
  /** invocations measured */
  recordedInvocations: number;
  /** invocations profiler-ingest acknowledged */
  deliveredInvocations: number;
  /** invocations dropped: buffer bound, endpoint bound, a batch ingest refused, or still buffered at shutdown */
  droppedInvocations: number;
  /** invocations in a batch whose delivery was still unconfirmed when shutdown gave up */
  unconfirmedInvocations: number;
  /** invocations waiting in the open window, the buffer or the batch in flight */
  pendingInvocations: number;
  bufferedRecords: number;
  deliveredBatches: number;
  failedAttempts: number;
}

interface PendingBatch extends OutgoingBatch {
  invocations: number;
  attempts: number;
}

const sumInvocations = (records: ProfilingData[]): number => records.reduce((sum, r) => sum + r.invocations, 0);
/** a flush keeps the process alive until it is done or out of time (unlike the agent's background timers) */
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));

/**
 * Tailor's in-process profiling agent. Measures invocations, aggregates them per endpoint and window, and ships the
 * anonymised records to profiler-ingest in the background. Nothing it does throws into, or waits in, the host app.
 */
export class ProfilingAgent {
  readonly options: ResolvedAgentOptions;
  private readonly meter = new InvocationMeter();
  private readonly libraries = new LoadedLibraries();
  private readonly aggregator: WindowAggregator;
  private readonly buffer: RecordBuffer;
  private readonly shipper: BatchShipper;
  private readonly instanceId: string;
  private readonly windowTimer: NodeJS.Timeout;
  private current: PendingBatch | undefined;
  private sending = false;
  private retryTimer: NodeJS.Timeout | undefined;
  private stopped = false;
  private windowInvocations = 0;
  private readonly counters = {
    recordedInvocations: 0,
    deliveredInvocations: 0,
    droppedInvocations: 0,
    unconfirmedInvocations: 0,
    deliveredBatches: 0,
    failedAttempts: 0,
  };

  constructor(options: ProfilingAgentOptions) {
    this.options = resolveAgentOptions(options);
    this.aggregator = new WindowAggregator(this.options.maxEndpoints);
    this.buffer = new RecordBuffer(this.options.maxBufferedRecords);
    this.shipper = new BatchShipper(this.options.ingestUrl, this.options);
    const key = this.options.hashKey ?? randomHashKey();
    this.instanceId = keyedHash(key, `${hostname()}|${process.pid}|${Date.now()}`);
    this.windowTimer = setInterval(() => this.closeWindow(), this.options.windowMs).unref();
  }

  /** Call when an invocation begins; undefined when the agent is stopped or failed (then skip finishInvocation). */
  startInvocation(): InvocationStart | undefined {
    if (this.stopped) return undefined;
    try {
      return this.meter.start();
    } catch (error) {
      this.diagnose('could not start measuring an invocation', error);
      return undefined;
    }
  }

  /** Call when an invocation ended, with its endpoint (a route template, never a raw URL) and body sizes. */
  finishInvocation(start: InvocationStart | undefined, endpointId: string, requestBytes = 0, responseBytes = 0): void {
    if (!start || this.stopped) return;
    try {
      const sample = this.meter.finish(start, endpointId, requestBytes, responseBytes);
      this.counters.recordedInvocations += 1;
      if (this.options.mode === 'sample' && Math.random() < this.options.sampleRate) {
        this.enqueue([rawRecord(sample, this.recordContext())]);
      } else if (this.aggregator.add(sample)) {
        this.windowInvocations += 1;
      } else {
        this.counters.droppedInvocations += 1;
      }
    } catch (error) {
      this.diagnose('could not record an invocation', error);
    }
  }

  stats(): AgentStats {
    return {
      ...this.counters,
      pendingInvocations: this.windowInvocations + this.buffer.invocations + (this.current?.invocations ?? 0),
      bufferedRecords: this.buffer.length + (this.current?.records.length ?? 0),
    };
  }

  /** Closes the open window and waits (at most timeoutMs) until everything buffered was sent. */
  async flush(timeoutMs = this.options.shutdownTimeoutMs): Promise<AgentStats> {
    this.closeWindow();
    const deadline = Date.now() + timeoutMs;
    while ((this.current || this.buffer.length > 0) && Date.now() < deadline) {
      if (this.retryTimer && this.current) {
        clearTimeout(this.retryTimer);
        this.retryTimer = undefined;
        await sleep(Math.min(deadline - Date.now(), this.backoffDelay(this.current.attempts)));
      }
      this.pump();
      await sleep(10);
    }
    return this.stats();
  }

  /** Flushes, then stops: what could not be delivered in time is counted as dropped (or unconfirmed if in flight). */
  async shutdown(timeoutMs = this.options.shutdownTimeoutMs): Promise<AgentStats> {
    if (this.stopped) return this.stats();
    clearInterval(this.windowTimer);
    await this.flush(timeoutMs);
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.counters.droppedInvocations += this.buffer.invocations;
    this.buffer.take(this.buffer.length);
    if (this.current) {
      if (this.sending) this.counters.unconfirmedInvocations += this.current.invocations;
      else this.counters.droppedInvocations += this.current.invocations;
      this.current = undefined;
    }
    this.shipper.close();
    return this.stats();
  }

  private recordContext(): RecordContext {
    return {
      applicationId: this.options.applicationId,
      language: 'node',
      languageVersion: process.versions.node,
      libraries: this.libraries.current(),
    };
  }

  private closeWindow(): void {
    try {
      if (this.aggregator.size > 0) {
        const records = this.aggregator.drain(this.recordContext());
        this.windowInvocations = 0;
        this.enqueue(records);
      }
      this.pump();
    } catch (error) {
      this.diagnose('could not close a window', error);
    }
  }

  private enqueue(records: ProfilingData[]): void {
    const dropped = this.buffer.push(records);
    if (dropped > 0) {
      this.counters.droppedInvocations += dropped;
      this.diagnose(`buffer full: dropped ${dropped} invocations`);
    }
    this.pump();
  }

  private pump(): void {
    if (this.sending || this.retryTimer || this.stopped) return;
    if (!this.current) {
      const records = this.buffer.take(this.options.maxBatchRecords);
      if (records.length === 0) return;
      this.current = { batchId: randomUUID(), records, invocations: sumInvocations(records), attempts: 0 };
      this.buffer.setInFlight(records.length);
    }
    this.sending = true;
    const batch = this.current;
    this.shipper
      .send(batch, this.report())
      .catch((error: unknown): SendOutcome => {
        this.diagnose('could not reach profiler-ingest', error);
        return 'retry';
      })
      .then((outcome) => this.settle(batch, outcome))
      .catch((error: unknown) => this.diagnose('could not settle a batch', error))
      .finally(() => {
        this.sending = false;
        if (!this.retryTimer) setImmediate(() => this.pump());
      });
  }

  private settle(batch: PendingBatch, outcome: SendOutcome): void {
    if (this.current !== batch) return;
    switch (outcome) {
      case 'delivered':
        this.counters.deliveredInvocations += batch.invocations;
        this.counters.deliveredBatches += 1;
        this.finishBatch();
        return;
      case 'rejected':
        this.counters.droppedInvocations += batch.invocations;
        this.diagnose(`profiler-ingest refused batch ${batch.batchId}: dropped ${batch.invocations} invocations`);
        this.finishBatch();
        return;
      case 'too-large': {
        if (batch.records.length === 1) {
          this.counters.droppedInvocations += batch.invocations;
          this.finishBatch();
          return;
        }
        // never acknowledged, so the halves may take new batch ids
        const half = Math.ceil(batch.records.length / 2);
        const first = batch.records.slice(0, half);
        this.buffer.unshift(batch.records.slice(half));
        this.current = { batchId: randomUUID(), records: first, invocations: sumInvocations(first), attempts: 0 };
        this.buffer.setInFlight(first.length);
        return;
      }
      case 'retry': {
        this.counters.failedAttempts += 1;
        batch.attempts += 1;
        this.retryTimer = setTimeout(() => {
          this.retryTimer = undefined;
          this.pump();
        }, this.backoffDelay(batch.attempts)).unref();
        return;
      }
    }
  }

  /** exponential backoff with full jitter */
  private backoffDelay(attempts: number): number {
    const ceiling = Math.min(this.options.retryMaxDelayMs, this.options.retryBaseDelayMs * 2 ** Math.min(attempts, 20));
    return Math.random() * ceiling;
  }

  private finishBatch(): void {
    this.current = undefined;
    this.buffer.setInFlight(0);
  }

  private report(): AgentReport {
    return {
      instanceId: this.instanceId,
      agentVersion: AGENT_VERSION,
      droppedInvocations: this.counters.droppedInvocations,
    };
  }

  private diagnose(message: string, error?: unknown): void {
    try {
      this.options.onDiagnostic(message, error);
    } catch {
      // a faulty diagnostic hook must not reach the app either
    }
  }
}
