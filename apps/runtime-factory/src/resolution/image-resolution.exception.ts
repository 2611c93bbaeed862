import { HttpStatus } from '@nestjs/common';
import { DomainException } from '@tailor/platform';

export enum ImageResolutionErrorCode {
  BaseImageMissing = 'BASE_IMAGE_MISSING',
}

export class ImageResolutionException extends DomainException<ImageResolutionErrorCode> {
  readonly status = HttpStatus.SERVICE_UNAVAILABLE;
}
