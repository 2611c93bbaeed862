import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService } from '@nestjs/terminus';
import { DependencyProbes } from '@tailor/platform';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly probes: DependencyProbes,
  ) {}

  @Get()
  @HealthCheck()
  check() {
    return this.health.check([this.probes.postgres, this.probes.redisServer]);
  }
}
