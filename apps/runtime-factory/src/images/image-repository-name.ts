import type { ConfigService } from '@nestjs/config';

import type { FactoryEnv } from '../config/factory-env.schema';

/** The Docker repository of this namespace's specialized images (a tag per resolved profile hash). */
export const runtimeImageRepository = (config: ConfigService<FactoryEnv, true>): string =>
  config.get('RUNTIME_IMAGE_REPOSITORY', { infer: true }) ??
  `tailor/runtime-${config.get('TAILOR_NAMESPACE', { infer: true })}`;
