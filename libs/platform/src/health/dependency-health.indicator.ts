import { Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';

import { withTimeout } from './with-timeout';

const HEALTH_CHECK_TIMEOUT_MS = 1500;

/** Up when `probe` resolves within the health timeout; down with the reason otherwise. */
@Injectable()
export class DependencyHealthIndicator {
  constructor(private readonly health: HealthIndicatorService) {}

  async check(key: string, probe: () => Promise<unknown>): Promise<HealthIndicatorResult> {
    const indicator = this.health.check(key);
    try {
      await withTimeout(probe(), HEALTH_CHECK_TIMEOUT_MS, key);
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: error instanceof Error ? error.message : String(error) });
    }
  }
}
