/** Labels on every container and image Tailor creates, so that it can always find (and clean up) its own. */
export const TailorLabel = {
  Managed: 'dev.tailor.managed',
  Namespace: 'dev.tailor.namespace',
  Kind: 'dev.tailor.kind',
  EnvironmentId: 'dev.tailor.environment-id',
  ApplicationId: 'dev.tailor.application-id',
  EndpointId: 'dev.tailor.endpoint-id',
  ProfileHash: 'dev.tailor.profile-hash',
  /** id of a warm pool container (kind=pool) in the provisioner's pool_containers table */
  PoolContainerId: 'dev.tailor.pool-container-id',
} as const;
