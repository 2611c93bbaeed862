import { Injectable } from '@nestjs/common';
import { MetricsRegistry } from '@tailor/platform';
import { Counter, Gauge, Histogram } from 'prom-client';

export interface ImageCacheState {
  /** images by status (building, ready, failed) */
  images: Record<string, number>;
  /** bytes of the ready images */
  sizeBytes: number;
  /** times a cached image was handed out, summed over the cache */
  hits: number;
}

/** The runtime-factory's metrics: image builds (duration, outcome), image resolutions, the image cache. */
@Injectable()
export class ImageMetrics {
  private readonly buildDuration: Histogram<'outcome'>;
  private readonly resolutions: Counter<'match'>;
  private cacheReader: (() => Promise<ImageCacheState>) | null = null;
  private lastCache: Promise<ImageCacheState | null> | null = null;

  constructor(registry: MetricsRegistry) {
    const registers = [registry];
    this.buildDuration = new Histogram({
      name: 'tailor_image_build_duration_seconds',
      help: 'Time to build a specialized runtime image, by outcome (ready, failed, retried)',
      labelNames: ['outcome'],
      buckets: [0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300],
      registers,
    });
    this.resolutions = new Counter({
      name: 'tailor_image_resolutions_total',
      help: 'Images handed out for a profile, by match (exact: cache hit, covering, base: fallback)',
      labelNames: ['match'],
      registers,
    });
    // One read of the cache per scrape feeds the three gauges.
    const cache = (): Promise<ImageCacheState | null> => (this.lastCache ??= this.readCache());
    new Gauge({
      name: 'tailor_image_cache_images',
      help: 'Runtime images known to the cache, by status',
      labelNames: ['status'],
      registers,
      async collect() {
        this.reset();
        for (const [status, count] of Object.entries((await cache())?.images ?? {})) this.set({ status }, count);
      },
    });
    new Gauge({
      name: 'tailor_image_cache_size_bytes',
      help: 'Bytes of the ready runtime images in the cache',
      registers,
      async collect() {
        this.set((await cache())?.sizeBytes ?? 0);
      },
    });
    new Gauge({
      name: 'tailor_image_cache_hits',
      help: 'Times a cached runtime image was handed out (sum over the cache; falls when images are evicted)',
      registers,
      async collect() {
        this.set((await cache())?.hits ?? 0);
      },
    });
  }

  observeBuild(outcome: 'ready' | 'failed' | 'retried', seconds: number): void {
    this.buildDuration.observe({ outcome }, seconds);
  }

  observeResolution(match: string): void {
    this.resolutions.inc({ match });
  }

  /** Where the cache gauges read the cache's state at each scrape. */
  readCacheWith(reader: () => Promise<ImageCacheState>): void {
    this.cacheReader = reader;
  }

  private async readCache(): Promise<ImageCacheState | null> {
    try {
      return (await this.cacheReader?.()) ?? null;
    } catch {
      return null;
    } finally {
      setImmediate(() => (this.lastCache = null));
    }
  }
}
