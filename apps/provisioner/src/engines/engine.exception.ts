import { HttpStatus } from '@nestjs/common';
import { DomainException } from '@tailor/platform';

export enum EngineErrorCode {
  NoCapacity = 'NO_CAPACITY',
  ImageMissing = 'IMAGE_MISSING',
}

const STATUS_BY_CODE: Record<EngineErrorCode, HttpStatus> = {
  [EngineErrorCode.NoCapacity]: HttpStatus.SERVICE_UNAVAILABLE,
  [EngineErrorCode.ImageMissing]: HttpStatus.SERVICE_UNAVAILABLE,
};

export class EngineException extends DomainException<EngineErrorCode> {
  get status(): HttpStatus {
    return STATUS_BY_CODE[this.code];
  }
}
