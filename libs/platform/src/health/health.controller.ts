import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService } from '@nestjs/terminus';

import { DependencyProbes, type ProbeName } from './dependency-probes';

export const HEALTH_PROBES = Symbol('HEALTH_PROBES');

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly probes: DependencyProbes,
    @Inject(HEALTH_PROBES) private readonly probeNames: readonly ProbeName[],
  ) {}

  @Get()
  @HealthCheck()
  check() {
    return this.health.check(this.probeNames.map((name) => this.probes[name]));
  }
}
