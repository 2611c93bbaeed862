import type { Environment, ProvisionTimings, RuntimeProfile } from '@tailor/contracts';
import type { Prisma } from '@tailor/prisma';

import type { ResolvedProfile } from '../resolution/profile-resolver';

type EnvironmentRow = Prisma.EnvironmentGetPayload<object>;
type StoredProfile = Pick<Prisma.RuntimeProfileGetPayload<object>, 'id' | 'version' | 'isDefault' | 'profile'>;

/** The stored columns an environment answer is made of; a claim's statement returns the counters as numbers. */
export type PresentableEnvironment = Pick<
  EnvironmentRow,
  | 'id'
  | 'applicationId'
  | 'endpointId'
  | 'state'
  | 'path'
  | 'imageRef'
  | 'imageHash'
  | 'imageMatch'
  | 'containerId'
  | 'host'
  | 'port'
  | 'timings'
  | 'profileSource'
  | 'buildEnqueued'
  | 'correlationId'
  | 'createdAt'
  | 'removedAt'
> & {
  memoryBytes: bigint | number | null;
  nanoCpus: bigint | number | null;
  profile?: StoredProfile | null;
};

/**
 * What the provision being answered knows beyond its row: the profile it resolved (served when no profile row is loaded:
 * a warm hit's claim loads none, and the provisioner's own default has none) and the timings it measured, which
 * replace the stored ones.
 */
export interface ProvisionContext {
  resolved: ResolvedProfile;
  timings?: ProvisionTimings;
}

function profileOf(
  stored: StoredProfile | null | undefined,
  resolved: ResolvedProfile | undefined,
): Environment['profile'] {
  if (stored) {
    return {
      id: stored.id,
      version: stored.version,
      source: stored.isDefault ? 'default' : 'model',
      value: stored.profile as RuntimeProfile,
    };
  }
  if (resolved) {
    return {
      id: resolved.profileId,
      version: resolved.version,
      source: resolved.isDefault ? 'default' : 'model',
      value: resolved.profile,
    };
  }
  return null;
}

/** The API's view of an environment: the one answer of POST /provision (warm or cold), GET and DELETE. */
export function presentEnvironment(environment: PresentableEnvironment, provision?: ProvisionContext): Environment {
  const { imageMatch, profileSource } = environment;
  return {
    id: environment.id,
    applicationId: environment.applicationId,
    endpointId: environment.endpointId,
    state: environment.state,
    path: environment.path,
    image: { ref: environment.imageRef ?? '', hash: environment.imageHash ?? '', match: imageMatch },
    profile: profileOf(environment.profile, provision?.resolved),
    container: environment.containerId
      ? {
          id: environment.containerId,
          memoryBytes: Number(environment.memoryBytes),
          nanoCpus: Number(environment.nanoCpus),
        }
      : null,
    endpoint:
      environment.host && environment.port
        ? { host: environment.host, port: environment.port, url: `http://${environment.host}:${environment.port}` }
        : null,
    timings: provision?.timings ?? (environment.timings as ProvisionTimings | null) ?? null,
    resolution:
      profileSource && imageMatch
        ? {
            profileSource,
            imageMatch,
            buildEnqueued: environment.buildEnqueued ?? false,
            warm: environment.path === 'warm_hit',
          }
        : null,
    correlationId: environment.correlationId,
    createdAt: environment.createdAt.toISOString(),
    removedAt: environment.removedAt?.toISOString() ?? null,
  };
}
