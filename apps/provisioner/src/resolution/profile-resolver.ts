import { Injectable } from '@nestjs/common';
import { InjectConfig } from '@tailor/config';
import type { ProfileResolution, RuntimeProfile } from '@tailor/contracts';
import { defaultProfile, profileContentHash } from '@tailor/profiles';
import { PinoLogger } from 'nestjs-pino';

import { predictionConfig, type PredictionConfig } from '../config/provisioner-config.groups';
import { PeerAppsGateway } from '../rpc-clients/peer-apps.gateway';
import { ProfileRepository } from './profile.repository';

export interface ResolvedProfile {
  source: ProfileResolution;
  /** the stored profile row (null for the provisioner's own default, made while nothing was known) */
  profileId: string | null;
  /** the stored version (0 for the provisioner's own default) and whether the predictor's answer was its default */
  version: number;
  isDefault: boolean;
  contentHash: string;
  profile: RuntimeProfile;
}

interface CachedPrediction {
  at: number;
  value: Omit<ResolvedProfile, 'source'>;
}

/** one question to the predictor about an endpoint, with what this process knew of it when it was asked */
interface Question {
  key: string;
  applicationId: string;
  endpointId: string;
  correlationId: string;
  cached: CachedPrediction | undefined;
}

const CACHE_LIMIT = 100_000;

/**
 * The profile of a provision, never blocking on the predictor: a recent answer (PREDICTION_CACHE_MS) is reused; an
 * older one (up to PREDICTION_STALE_MS) serves at once while the predictor is asked again in the background; else the
 * predictor is asked and waited for at most PREDICT_TIMEOUT_MS; when it does not answer, the last known profile (this
 * process's copy, else the newest stored one), else the default profile. The result says which.
 */
@Injectable()
export class ProfileResolver {
  private readonly cache = new Map<string, CachedPrediction>();
  private readonly asking = new Map<string, Promise<ResolvedProfile>>();
  private readonly timeoutMs: number;
  private readonly freshMs: number;
  private readonly staleMs: number;
  private readonly nodeVersion: string;

  constructor(
    private readonly peerApps: PeerAppsGateway,
    private readonly profiles: ProfileRepository,
    private readonly logger: PinoLogger,
    @InjectConfig(predictionConfig) prediction: PredictionConfig,
  ) {
    this.timeoutMs = prediction.timeoutMs;
    this.freshMs = prediction.cacheMs;
    this.staleMs = prediction.staleMs;
    this.nodeVersion = prediction.nodeVersion;
  }

  async resolve(applicationId: string, endpointId: string, correlationId: string): Promise<ResolvedProfile> {
    const key = `${applicationId}\u0000${endpointId}`;
    const cached = this.cache.get(key);
    const age = cached ? performance.now() - cached.at : Number.POSITIVE_INFINITY;
    if (cached && age < this.freshMs) return { source: 'cached', ...cached.value };
    const question = { key, applicationId, endpointId, correlationId, cached };
    if (cached && age < this.staleMs) {
      this.askOnce(question).catch((error: Error) =>
        this.logger.warn({ applicationId, endpointId, error: error.message }, 'could not refresh the cached profile'),
      );
      return { source: 'cached', ...cached.value };
    }
    return this.askOnce(question);
  }

  /** one question to the predictor per endpoint at a time: provisions arriving meanwhile wait for its answer */
  private askOnce(question: Question): Promise<ResolvedProfile> {
    const asked = this.asking.get(question.key);
    if (asked) return asked;
    const answer = this.ask(question).finally(() => this.asking.delete(question.key));
    this.asking.set(question.key, answer);
    return answer;
  }

  private async ask({ key, applicationId, endpointId, correlationId, cached }: Question): Promise<ResolvedProfile> {
    try {
      const reply = await this.peerApps.predictProfile({ correlationId, applicationId, endpointId }, this.timeoutMs);
      const value = {
        profileId: reply.profileId,
        version: reply.version,
        isDefault: reply.source === 'default',
        contentHash: reply.contentHash,
        profile: reply.profile,
      };
      this.remember(key, value);
      return { source: 'predicted', ...value };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      if (cached) {
        this.logger.warn({ applicationId, endpointId, reason }, 'predictor did not answer: serving the last known profile');
        return { source: 'last_known', ...cached.value };
      }
      const stored = await this.profiles.lastKnown(applicationId, endpointId);
      if (stored) {
        this.logger.warn({ applicationId, endpointId, reason }, 'predictor did not answer: serving the last stored profile');
        const value = {
          profileId: stored.id,
          version: stored.version,
          isDefault: stored.isDefault,
          contentHash: stored.contentHash,
          profile: stored.profile,
        };
        this.cache.set(key, { at: Number.NEGATIVE_INFINITY, value });
        return { source: 'last_known', ...value };
      }
      this.logger.warn({ applicationId, endpointId, reason }, 'predictor did not answer and no profile is known: serving the default');
      const profile = defaultProfile(applicationId, endpointId, this.nodeVersion);
      return { source: 'default', profileId: null, version: 0, isDefault: true, contentHash: profileContentHash(profile), profile };
    }
  }

  /** Forgets the copies (tests and operators: the next provision asks the predictor). */
  clear(): void {
    this.cache.clear();
  }

  private remember(key: string, value: CachedPrediction['value']): void {
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(key, { at: performance.now(), value });
  }
}
