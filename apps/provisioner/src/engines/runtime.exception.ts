import { HttpStatus } from '@nestjs/common';
import { DomainException } from '@tailor/platform';

export enum RuntimeErrorCode {
  RuntimeNotReady = 'RUNTIME_NOT_READY',
  RuntimeFailed = 'RUNTIME_FAILED',
}

const STATUS_BY_CODE: Record<RuntimeErrorCode, HttpStatus> = {
  [RuntimeErrorCode.RuntimeNotReady]: HttpStatus.SERVICE_UNAVAILABLE,
  [RuntimeErrorCode.RuntimeFailed]: HttpStatus.BAD_GATEWAY,
};

export class RuntimeException extends DomainException<RuntimeErrorCode> {
  get status(): HttpStatus {
    return STATUS_BY_CODE[this.code];
  }
}
