import { HttpStatus } from '@nestjs/common';
import { DomainException } from '@tailor/platform';

export enum RetrainErrorCode {
  JobNotFound = 'RETRAIN_JOB_NOT_FOUND',
}

export class RetrainException extends DomainException<RetrainErrorCode> {
  readonly status = HttpStatus.NOT_FOUND;
}
