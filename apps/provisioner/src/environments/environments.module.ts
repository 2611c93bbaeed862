import { Module } from '@nestjs/common';

import { DependenciesModule } from '../dependencies/dependencies.module';
import { EnvironmentRepository } from './environment.repository';
import { EnvironmentsController } from './environments.controller';
import { ProvisioningService } from './provisioning.service';
import { RuntimeLauncher } from './runtime-launcher';

@Module({
  imports: [DependenciesModule],
  controllers: [EnvironmentsController],
  providers: [ProvisioningService, EnvironmentRepository, RuntimeLauncher],
})
export class EnvironmentsModule {}
