import { Injectable, Optional } from '@nestjs/common';
import type { HealthIndicatorFunction } from '@nestjs/terminus';
import { PrismaService } from '@tailor/prisma';
import Docker from 'dockerode';
import type Redis from 'ioredis';

import { InjectRedis } from '../redis/redis.module';
import { DependencyHealthIndicator } from './dependency-health.indicator';

/** Health checks of the dependencies Tailor's apps share, ready to hand to terminus' HealthCheckService. */
@Injectable()
export class DependencyProbes {
  constructor(
    private readonly dependency: DependencyHealthIndicator,
    private readonly prisma: PrismaService,
    @InjectRedis() private readonly redis: Redis,
    @Optional() private readonly docker?: Docker,
  ) {}

  readonly postgres: HealthIndicatorFunction = () => this.dependency.check('postgres', () => this.prisma.$queryRaw`SELECT 1`);

  readonly redisServer: HealthIndicatorFunction = () => this.dependency.check('redis', () => this.redis.ping());

  readonly dockerEngine: HealthIndicatorFunction = () =>
    this.dependency.check('docker', async () => {
      if (!this.docker) throw new Error('this app has no Docker engine client');
      return this.docker.ping();
    });
}

/** The dependencies an app's `/health` can check. */
export type ProbeName = keyof DependencyProbes;
