import type { AgentStats } from './profiling-agent';
import type { InvocationStart } from './invocation-meter';
import { HANDLER_PHASE, ModulePhases, ModulePhasesReport, PRELOAD_PHASE } from './module-phases';

/** The part of ProfilingAgent a runtime feeds (kept structural: the runtime loads the agent only when it ships data). */
export interface InvocationAgent {
  startInvocation(): InvocationStart | undefined;
  finishInvocation(
    start: InvocationStart | undefined,
    endpointId: string,
    requestBytes?: number,
    responseBytes?: number,
  ): void;
  stats(): AgentStats;
  shutdown(): Promise<AgentStats>;
}

export interface RuntimeMemory {
  rssBytes: number;
  heapUsedBytes: number;
  peakRssBytes: number;
}

export interface RuntimeProfileReport extends ModulePhasesReport {
  /** ms from the process's start until it was ready (listening, preloads done) */
  timeToReadyMs: number | null;
  memory: RuntimeMemory;
  /** wall-clock time (epoch ms) of each step the runtime went through: process start, preloaded, ready, load, invoke */
  timeline: Record<string, number>;
  /** the agent's delivery counters when it ships to profiler-ingest */
  agent: AgentStats | null;
}

const round = (value: number) => Math.round(value * 100) / 100;

/**
 * The profiling agent as a runtime container uses it: module tracking by phase (preload, then handler), time to ready,
 * a timeline of the runtime's steps, memory, and (when an agent is attached) each invocation measured and shipped to
 * profiler-ingest.
 */
export class RuntimeProfiler {
  readonly modules = new ModulePhases();
  private readonly marks: Record<string, number> = { processStart: round(performance.timeOrigin) };
  private readyMs: number | null = null;
  private agent: InvocationAgent | undefined;

  constructor(private endpointId: string) {
    this.modules.install();
  }

  /** The endpoint later invocations are recorded for (a pooled runtime learns whom it serves when a bundle is loaded). */
  serve(endpointId: string): void {
    this.endpointId = endpointId;
  }

  /** Attaches the agent that ships invocations (loaded lazily by the runtime, after it is ready). */
  attach(agent: InvocationAgent): void {
    this.agent = agent;
  }

  /** Records when a step happened (now, or at the epoch ms given). */
  mark(step: string, at = performance.timeOrigin + performance.now()): void {
    this.marks[step] = round(at);
  }

  startPreload(): void {
    this.modules.enter(PRELOAD_PHASE);
    this.modules.noteModuleCache();
  }

  finishPreload(): void {
    this.mark('preloaded');
    this.modules.enter('idle');
  }

  get timeToReadyMs(): number | null {
    return this.readyMs;
  }

  ready(): number {
    this.readyMs = round(performance.now());
    this.mark('ready');
    return this.readyMs;
  }

  /** Everything the handler loads from here on counts as the handler's. */
  enterHandler(): void {
    this.modules.enter(HANDLER_PHASE);
  }

  /** Runs one invocation, measured by the agent when one is attached. */
  async invocation<T>(call: () => Promise<T>, requestBytes = 0): Promise<T> {
    const start = this.agent?.startInvocation();
    try {
      return await call();
    } finally {
      this.agent?.finishInvocation(start, this.endpointId, requestBytes);
    }
  }

  memory(): RuntimeMemory {
    const memory = process.memoryUsage();
    return {
      rssBytes: memory.rss,
      heapUsedBytes: memory.heapUsed,
      peakRssBytes: process.resourceUsage().maxRSS * 1024,
    };
  }

  report(): RuntimeProfileReport {
    return {
      timeToReadyMs: this.readyMs,
      ...this.modules.report(),
      memory: this.memory(),
      timeline: { ...this.marks },
      agent: this.agent?.stats() ?? null,
    };
  }

  async shutdown(): Promise<void> {
    await this.agent?.shutdown();
  }
}
