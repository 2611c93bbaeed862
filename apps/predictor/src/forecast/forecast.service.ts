import { Injectable } from '@nestjs/common';
import { InjectConfig } from '@tailor/config';
import type { ForecastWarmPoolsReply } from '@tailor/contracts';

import { type ForecastConfig, forecastConfig } from '../config/predictor-config.groups';
import { ModelRegistryService } from '../models/model-registry.service';
import { ArrivalStateService } from './arrival-state.service';

/**
 * The batched warm-pool forecast the provisioner reads every minute: for every endpoint invoked within
 * FORECAST_ACTIVE_MINUTES, P(invoked) in each of the coming minutes from the served model's arrival head (the
 * warm-policy lib's features, one onnxruntime call for all endpoints and minutes), or the empirical hazard while no
 * model has one, and the instances it needs when invoked.
 */
@Injectable()
export class ForecastService {
  constructor(
    private readonly arrivals: ArrivalStateService,
    private readonly registry: ModelRegistryService,
    @InjectConfig(forecastConfig) private readonly forecastSettings: ForecastConfig,
  ) {}

  async forecast(horizonMinutes: number, now = new Date()): Promise<ForecastWarmPoolsReply> {
    const fromMinute = Math.floor(now.getTime() / 60_000);
    await this.arrivals.catchUp(fromMinute);
    const { tracker } = this.arrivals;
    const active = tracker.active(fromMinute - this.forecastSettings.activeMinutes);
    const keys = active.map((e) => e.key);
    return this.registry.use(async (serving) => {
      const useModel = serving?.model.hasHead('arrival') ?? false;
      const probabilities =
        serving && useModel
          ? await serving.model.run('arrival', tracker.features(keys, fromMinute, horizonMinutes), keys.length * horizonMinutes)
          : tracker.empirical(keys, fromMinute, horizonMinutes);
      return {
        modelVersion: useModel && serving ? serving.label : null,
        source: useModel ? 'model' : 'empirical',
        generatedAt: now.toISOString(),
        fromMinute,
        horizonMinutes,
        endpoints: active.map((endpoint, i) => ({
          applicationId: endpoint.applicationId,
          endpointId: endpoint.endpointId,
          probabilities: Array.from(probabilities.subarray(i * horizonMinutes, (i + 1) * horizonMinutes), (p) => Math.round(p * 1e6) / 1e6),
          expectedConcurrency: endpoint.expectedConcurrency,
        })),
      };
    });
  }
}
