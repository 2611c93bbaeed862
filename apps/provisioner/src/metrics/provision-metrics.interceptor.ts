import { Injectable } from '@nestjs/common';
import type { Environment } from '@tailor/contracts';
import { errorCodeOf, HandlerMetricsInterceptor, type HandlerObserver, ProvisionMetrics } from '@tailor/platform';

import { EnvironmentsController } from '../environments/environments.controller';

/** Provision latency by path, warm/cold counters and failures, read from the answers of POST /provision. */
@Injectable()
export class ProvisionMetricsInterceptor extends HandlerMetricsInterceptor {
  constructor(private readonly metrics: ProvisionMetrics) {
    super();
  }

  protected observers(): HandlerObserver[] {
    return [
      {
        handler: EnvironmentsController.prototype.provision,
        onSuccess: (environment, seconds) => {
          const { path } = environment as Environment;
          if (path) this.metrics.observeProvision(path, seconds);
        },
        onError: (error) => this.metrics.observeFailure(errorCodeOf(error)),
      },
    ];
  }
}
