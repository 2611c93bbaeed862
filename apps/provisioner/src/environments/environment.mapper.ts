import type { Environment, ProvisionTimings, RuntimeProfile } from '@tailor/contracts';

import type { EnvironmentRecord } from './environment.repository';

/** The API's view of a stored environment. */
export function toEnvironment(record: EnvironmentRecord, imageMatch: Environment['image']['match'] = null): Environment {
  const { profile } = record;
  return {
    id: record.id,
    applicationId: record.applicationId,
    endpointId: record.endpointId,
    state: record.state,
    path: record.path,
    image: { ref: record.imageRef ?? '', hash: record.imageHash ?? '', match: imageMatch },
    profile: profile && {
      id: profile.id,
      version: profile.version,
      source: profile.isDefault ? 'default' : 'model',
      value: profile.profile as RuntimeProfile,
    },
    container: record.containerId
      ? { id: record.containerId, memoryBytes: Number(record.memoryBytes), nanoCpus: Number(record.nanoCpus) }
      : null,
    endpoint:
      record.host && record.port
        ? { host: record.host, port: record.port, url: `http://${record.host}:${record.port}` }
        : null,
    timings: (record.timings as ProvisionTimings | null) ?? null,
    correlationId: record.correlationId,
    createdAt: record.createdAt.toISOString(),
    removedAt: record.removedAt?.toISOString() ?? null,
  };
}
