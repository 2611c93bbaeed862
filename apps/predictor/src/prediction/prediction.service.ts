import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { PredictProfileReply, ProfileSource } from '@tailor/contracts';
import { defaultProfile, profileContentHash } from '@tailor/profiles';
import { PinoLogger } from 'nestjs-pino';

import type { PredictorEnv } from '../config/predictor-env.schema';
import { RuntimeProfileRepository } from './runtime-profile.repository';

@Injectable()
export class PredictionService {
  constructor(
    private readonly profiles: RuntimeProfileRepository,
    private readonly config: ConfigService<PredictorEnv, true>,
    private readonly logger: PinoLogger,
  ) {}

  /** The endpoint's RuntimeProfile. No model is trained yet, so every endpoint gets the default profile, flagged so. */
  async predict(applicationId: string, endpointId: string): Promise<PredictProfileReply> {
    const profile = defaultProfile(applicationId, endpointId, this.config.get('RUNTIME_NODE_VERSION', { infer: true }));
    const stored = await this.profiles.append(profile, profileContentHash(profile), true);
    this.logger.info({ applicationId, endpointId, profileVersion: stored.version }, 'predicted runtime profile');
    return {
      profileId: stored.id,
      version: stored.version,
      contentHash: stored.contentHash,
      source: ProfileSource.Default,
      modelVersion: null,
      profile: stored.profile,
    };
  }
}
