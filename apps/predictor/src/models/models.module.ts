import { Module } from '@nestjs/common';

import { ModelRegistryService } from './model-registry.service';
import { ModelVersionRepository } from './model-version.repository';
import { ProfilingDataRepository } from './profiling-data.repository';

/** The model registry, the served model and the profiling data the models read. */
@Module({
  providers: [ModelVersionRepository, ModelRegistryService, ProfilingDataRepository],
  exports: [ModelVersionRepository, ModelRegistryService, ProfilingDataRepository],
})
export class ModelsModule {}
