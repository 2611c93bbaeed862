import type { ResolveImageReply } from '@tailor/contracts';

import type { ResolvedProfile } from '../resolution/profile-resolver';
import type { PoolIdentity } from './warm-pool.repository';

/** The warm pool that an endpoint's resolved profile and image belong to. */
export function poolIdentityOf(
  applicationId: string,
  endpointId: string,
  resolved: ResolvedProfile,
  image: Pick<ResolveImageReply, 'imageRef' | 'imageHash' | 'match'>,
): PoolIdentity {
  return {
    profileHash: resolved.contentHash,
    applicationId,
    endpointId,
    profile: resolved.profile,
    profileId: resolved.profileId,
    imageRef: image.imageRef,
    imageHash: image.imageHash,
    imageMatch: image.match,
  };
}
