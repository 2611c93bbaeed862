import { Injectable } from '@nestjs/common';
import { InjectConfig } from '@tailor/config';
import { PredictProfileReply, ProfileSource } from '@tailor/contracts';
import { defaultProfile, profileContentHash } from '@tailor/profiles';
import { buildHistories, endpointKey, LIBRARY_LOOKBACK_WINDOWS } from '@tailor/runtime-model';
import { PinoLogger } from 'nestjs-pino';

import { type PredictionConfig, predictionConfig } from '../config/predictor-config.groups';
import { ModelRegistryService } from '../models/model-registry.service';
import { ProfilingDataRepository } from '../models/profiling-data.repository';
import { buildProfile } from './profile-builder';
import { RuntimeProfileRepository } from './runtime-profile.repository';

const DEFAULT_CONFIDENCE = { libraries: 0, preload: 0, memoryMb: 0, cpuMillis: 0, warmPool: 0 };

@Injectable()
export class PredictionService {
  constructor(
    private readonly profiles: RuntimeProfileRepository,
    private readonly data: ProfilingDataRepository,
    private readonly registry: ModelRegistryService,
    @InjectConfig(predictionConfig) private readonly prediction: PredictionConfig,
    private readonly logger: PinoLogger,
  ) {}

  /**
   * The endpoint's RuntimeProfile from the served model and the application's recent rollups; the default profile,
   * flagged `source: 'default'`, while no model serves or the endpoint has no profiling data.
   */
  async predict(applicationId: string, endpointId: string): Promise<PredictProfileReply> {
    const languageVersion = this.prediction.nodeVersion;
    return this.registry.use(async (serving) => {
      const windowMinutes = serving?.model.bundle.windowMinutes ?? 60;
      const now = Date.now();
      const from = new Date(now - LIBRARY_LOOKBACK_WINDOWS * windowMinutes * 60_000);
      const [rows, feedback] = serving
        ? await Promise.all([
            this.data.rollups(windowMinutes % 60 === 0 ? 'hour' : 'minute', from, new Date(now + 60_000), applicationId),
            this.data.feedback(from, new Date(now + 60_000), applicationId),
          ])
        : [[], []];
      const histories = buildHistories(rows, windowMinutes, feedback);
      const history = histories.get(endpointKey(applicationId, endpointId));
      if (!serving || !history) {
        const profile = defaultProfile(applicationId, endpointId, languageVersion);
        const stored = await this.profiles.append(profile, profileContentHash(profile), true);
        this.logger.info({ applicationId, endpointId, profileVersion: stored.version, reason: serving ? 'unknown endpoint' : 'no model' }, 'default runtime profile');
        return {
          profileId: stored.id,
          version: stored.version,
          contentHash: stored.contentHash,
          source: ProfileSource.Default,
          modelVersion: null,
          profile: stored.profile,
          confidence: DEFAULT_CONFIDENCE,
        };
      }
      const built = await buildProfile(serving, history, [...histories.values()], languageVersion);
      const stored = await this.profiles.append(built.profile, profileContentHash(built.profile), false, serving.id);
      this.logger.info({ applicationId, endpointId, profileVersion: stored.version, modelVersion: serving.label }, 'predicted runtime profile');
      return {
        profileId: stored.id,
        version: stored.version,
        contentHash: stored.contentHash,
        source: ProfileSource.Model,
        modelVersion: serving.label,
        profile: stored.profile,
        confidence: built.confidence,
        libraryProbabilities: built.libraryProbabilities,
      };
    });
  }
}
