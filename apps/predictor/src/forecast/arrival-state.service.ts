import { Injectable } from '@nestjs/common';
import { InjectConfig } from '@tailor/config';
import { ArrivalTracker, epochMinute } from '@tailor/runtime-model';

import { type ForecastConfig, forecastConfig } from '../config/predictor-config.groups';
import { ProfilingDataRepository } from '../models/profiling-data.repository';

/** minutes of history read at the first forecast (the arrival features look up to 240 minutes back) */
const INITIAL_HISTORY_MINUTES = 1440;

/**
 * The in-memory arrival state of every endpoint, brought up to date before each forecast with the minute rollups of
 * the minutes completed since the last one (each minute is read once; a rollup updated after its minute was read is
 * not seen again).
 */
@Injectable()
export class ArrivalStateService {
  readonly tracker = new ArrivalTracker();
  private updating: Promise<void> = Promise.resolve();

  constructor(
    private readonly data: ProfilingDataRepository,
    @InjectConfig(forecastConfig) private readonly forecastSettings: ForecastConfig,
  ) {}

  /** Records every complete minute before `currentMinute` (one update at a time). */
  catchUp(currentMinute: number): Promise<void> {
    this.updating = this.updating.then(() => this.fold(currentMinute));
    return this.updating;
  }

  private async fold(currentMinute: number): Promise<void> {
    const lookback = Math.max(INITIAL_HISTORY_MINUTES, this.forecastSettings.activeMinutes);
    const from = Number.isFinite(this.tracker.watermark) ? this.tracker.watermark : currentMinute - lookback;
    if (from >= currentMinute) return;
    const rows = await this.data.rollups('minute', new Date(from * 60_000), new Date(currentMinute * 60_000));
    for (const row of rows) {
      this.tracker.record(row.applicationId, row.endpointId, epochMinute(row.bucketStart), row.invocations, row.executionTimeSum);
    }
    this.tracker.watermark = currentMinute;
  }
}
