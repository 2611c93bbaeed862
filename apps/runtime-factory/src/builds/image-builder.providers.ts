import type { Provider } from '@nestjs/common';
import { DependencyInstaller, ImageBuilder } from '@tailor/image-builder';
import Docker from 'dockerode';

import { type BuildsConfig, buildsConfig, type NpmConfig, npmConfig } from '../config/factory-config.groups';

/** The image builder's tools (@tailor/image-builder), set up from the factory's environment. */
export const IMAGE_BUILDER_PROVIDERS: Provider[] = [
  {
    provide: DependencyInstaller,
    inject: [npmConfig.token, buildsConfig.token],
    useFactory: (npm: NpmConfig, builds: BuildsConfig) =>
      new DependencyInstaller({ cacheDir: npm.cacheDir, registry: npm.registry, timeoutMs: builds.stepTimeoutMs }),
  },
  { provide: ImageBuilder, inject: [Docker], useFactory: (docker: Docker) => new ImageBuilder(docker) },
];
