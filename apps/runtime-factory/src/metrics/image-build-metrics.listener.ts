import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { type Job, UnrecoverableError } from 'bullmq';

import { ImageBuildProcessor } from '../builds/image-build.processor';
import { ImageMetrics } from './image.metrics';

/** Build durations and outcomes, from the image-build worker's events (the build code needs no metric calls). */
@Injectable()
export class ImageBuildMetricsListener implements OnApplicationBootstrap {
  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly metrics: ImageMetrics,
  ) {}

  onApplicationBootstrap(): void {
    let worker: ImageBuildProcessor['worker'];
    try {
      worker = this.moduleRef.get(ImageBuildProcessor, { strict: false }).worker;
    } catch {
      return; // this process runs no image-build worker
    }
    const seconds = (job: Job) => (Date.now() - (job.processedOn ?? job.timestamp)) / 1000;
    worker.on('completed', (job: Job) => this.metrics.observeBuild('ready', seconds(job)));
    worker.on('failed', (job: Job | undefined, error: Error) => {
      if (!job) return;
      const final = error instanceof UnrecoverableError || job.attemptsMade >= (job.opts.attempts ?? 1);
      this.metrics.observeBuild(final ? 'failed' : 'retried', seconds(job));
    });
  }
}
