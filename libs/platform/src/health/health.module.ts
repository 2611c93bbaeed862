import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';

import { DependencyHealthIndicator } from './dependency-health.indicator';
import { DependencyProbes } from './dependency-probes';

@Module({
  imports: [TerminusModule.forRoot({ logger: false })],
  providers: [DependencyHealthIndicator, DependencyProbes],
  exports: [TerminusModule, DependencyProbes],
})
export class PlatformHealthModule {}
