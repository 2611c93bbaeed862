import { getQueueToken } from '@nestjs/bullmq';
import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { QueueName } from '@tailor/contracts';
import type { Queue } from 'bullmq';
import { Gauge } from 'prom-client';

import { MetricsRegistry } from './metrics-registry';

const JOB_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children', 'completed', 'failed', 'paused'] as const;
const READ_TIMEOUT_MS = 1000;

/** Depth of every BullMQ queue the app registered (found by QueueName), read with getJobCounts at each scrape. */
@Injectable()
export class QueueMetrics implements OnApplicationBootstrap {
  private readonly queues = new Map<string, Queue>();

  constructor(
    registry: MetricsRegistry,
    private readonly moduleRef: ModuleRef,
  ) {
    const queues = this.queues;
    new Gauge({
      name: 'tailor_queue_jobs',
      help: 'Jobs in a BullMQ queue, by queue and state',
      labelNames: ['queue', 'state'],
      registers: [registry],
      async collect() {
        this.reset();
        await Promise.all(
          [...queues].map(async ([name, queue]) => {
            const counts = await withTimeout(queue.getJobCounts(...JOB_STATES)).catch(() => null);
            for (const state of JOB_STATES) if (counts) this.set({ queue: name, state }, counts[state] ?? 0);
          }),
        );
      },
    });
  }

  onApplicationBootstrap(): void {
    for (const name of Object.values(QueueName)) {
      const queue = this.findQueue(name);
      if (queue) this.track(name, queue);
    }
  }

  /** Track a queue that is not registered under a QueueName token. */
  track(name: string, queue: Queue): void {
    this.queues.set(name, queue);
  }

  private findQueue(name: string): Queue | undefined {
    try {
      return this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
    } catch {
      return undefined;
    }
  }
}

function withTimeout<T>(promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('queue did not answer')), READ_TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
