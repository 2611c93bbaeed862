import { DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';

import { DependencyHealthIndicator } from './dependency-health.indicator';
import { DependencyProbes, type ProbeName } from './dependency-probes';
import { HEALTH_PROBES, HealthController } from './health.controller';

@Module({})
export class HealthModule {
  /** An app's `GET /health`: the named dependency probes, checked in the order given. */
  static forProbes(...probes: ProbeName[]): DynamicModule {
    return {
      module: HealthModule,
      imports: [TerminusModule.forRoot({ logger: false })],
      controllers: [HealthController],
      providers: [DependencyHealthIndicator, DependencyProbes, { provide: HEALTH_PROBES, useValue: probes }],
    };
  }
}
