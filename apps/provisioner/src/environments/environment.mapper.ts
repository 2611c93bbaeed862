import type { Environment, ProvisionTimings, RuntimeProfile } from '@tailor/contracts';

import type { ResolvedProfile } from '../resolution/profile-resolver';
import type { EnvironmentRecord } from './environment.repository';

type ImageMatchValue = NonNullable<Environment['image']['match']>;
type StoredEnvironment = Omit<EnvironmentRecord, 'profile'> & { profile?: EnvironmentRecord['profile'] };

/** The API's view of a stored environment; `resolved` gives the profile when it is not stored (the provisioner's default). */
export function toEnvironment(record: StoredEnvironment, resolved?: ResolvedProfile): Environment {
  const stored = record.profile;
  const profile: Environment['profile'] = stored
    ? { id: stored.id, version: stored.version, source: stored.isDefault ? 'default' : 'model', value: stored.profile as RuntimeProfile }
    : resolved
      ? { id: resolved.profileId, version: resolved.version, source: resolved.isDefault ? 'default' : 'model', value: resolved.profile }
      : null;
  const imageMatch = (record.imageMatch as ImageMatchValue | null) ?? null;
  return {
    id: record.id,
    applicationId: record.applicationId,
    endpointId: record.endpointId,
    state: record.state,
    path: record.path,
    image: { ref: record.imageRef ?? '', hash: record.imageHash ?? '', match: imageMatch },
    profile,
    container: record.containerId
      ? { id: record.containerId, memoryBytes: Number(record.memoryBytes), nanoCpus: Number(record.nanoCpus) }
      : null,
    endpoint:
      record.host && record.port
        ? { host: record.host, port: record.port, url: `http://${record.host}:${record.port}` }
        : null,
    timings: (record.timings as ProvisionTimings | null) ?? null,
    resolution:
      record.profileSource && imageMatch
        ? {
            profileSource: record.profileSource as NonNullable<Environment['resolution']>['profileSource'],
            imageMatch,
            buildEnqueued: record.buildEnqueued ?? false,
            warm: record.path === 'warm_hit',
          }
        : null,
    correlationId: record.correlationId,
    createdAt: record.createdAt.toISOString(),
    removedAt: record.removedAt?.toISOString() ?? null,
  };
}
