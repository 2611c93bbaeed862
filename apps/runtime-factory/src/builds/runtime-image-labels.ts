import { TailorLabel } from '@tailor/docker';

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
