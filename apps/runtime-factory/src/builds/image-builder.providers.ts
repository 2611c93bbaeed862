import type { Provider } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DependencyInstaller, ImageBuilder } from '@tailor/image-builder';
import Docker from 'dockerode';

import type { FactoryEnv } from '../config/factory-env.schema';

/** The image builder's tools (@tailor/image-builder), set up from the factory's environment. */
export const IMAGE_BUILDER_PROVIDERS: Provider[] = [
  {
    provide: DependencyInstaller,
    inject: [ConfigService],
    useFactory: (config: ConfigService<FactoryEnv, true>) =>
      new DependencyInstaller({
        cacheDir: config.get('NPM_CACHE_DIR', { infer: true }),
        registry: config.get('NPM_REGISTRY', { infer: true }),
        timeoutMs: config.get('IMAGE_BUILD_STEP_TIMEOUT_MS', { infer: true }),
      }),
  },
  { provide: ImageBuilder, inject: [Docker], useFactory: (docker: Docker) => new ImageBuilder(docker) },
];
