import { Injectable, Module, OnModuleInit } from '@nestjs/common';
import { MetricsModule } from '@tailor/platform';

import { ImageBuildMetricsListener } from './image-build-metrics.listener';
import { ImageCacheStateRepository } from './image-cache-state.repository';
import { ImageMetrics } from './image.metrics';

@Injectable()
class ImageCacheGaugesSource implements OnModuleInit {
  constructor(
    private readonly metrics: ImageMetrics,
    private readonly cache: ImageCacheStateRepository,
  ) {}

  onModuleInit(): void {
    this.metrics.readCacheWith(() => this.cache.read());
  }
}

/** GET /metrics of the runtime-factory: image builds, resolutions by match, the image cache, the build queue. */
@Module({
  imports: [MetricsModule.forRoot({ app: 'runtime-factory', metrics: [ImageMetrics] })],
  providers: [ImageCacheStateRepository, ImageCacheGaugesSource, ImageBuildMetricsListener],
})
export class FactoryMetricsModule {}
