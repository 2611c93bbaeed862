import { TailorLabel } from '@tailor/docker';
import type { canonicalProfile } from '@tailor/profiles';

/** Labels of a specialized runtime image: the engine alone says what an image holds, so the cache table can be rebuilt. */
export const RuntimeImageLabel = {
  ...TailorLabel,
  /** the profile hash requested when the image was built (may differ from ProfileHash, the resolved one) */
  RequestedHash: 'dev.tailor.requested-hash',
  /** top-level libraries, `name@version` comma-separated */
  Libraries: 'dev.tailor.libraries',
  /** the canonical profile (JSON) */
  Profile: 'dev.tailor.profile',
} as const;

export const RUNTIME_IMAGE_KIND = 'runtime-image';

export interface RuntimeImageIdentity {
  namespace: string;
  /** the resolved profile's hash: the image's tag */
  profileHash: string;
  /** `name@version` of each top-level library */
  libraries: string[];
  /** the hash the build was asked for, when the factory records it */
  requestedHash?: string;
  /** the canonical profile, when the factory records it */
  canonicalProfile?: ReturnType<typeof canonicalProfile>;
}

export function runtimeImageLabels(image: RuntimeImageIdentity): Record<string, string> {
  return {
    [RuntimeImageLabel.Managed]: 'true',
    [RuntimeImageLabel.Namespace]: image.namespace,
    [RuntimeImageLabel.Kind]: RUNTIME_IMAGE_KIND,
    [RuntimeImageLabel.ProfileHash]: image.profileHash,
    ...(image.requestedHash === undefined ? {} : { [RuntimeImageLabel.RequestedHash]: image.requestedHash }),
    [RuntimeImageLabel.Libraries]: image.libraries.join(','),
    ...(image.canonicalProfile === undefined
      ? {}
      : { [RuntimeImageLabel.Profile]: JSON.stringify(image.canonicalProfile) }),
  };
}
