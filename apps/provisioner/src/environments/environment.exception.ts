import { HttpStatus } from '@nestjs/common';
import { DomainException } from '@tailor/platform';

export enum EnvironmentErrorCode {
  NotFound = 'ENVIRONMENT_NOT_FOUND',
  RuntimeNotReady = 'RUNTIME_NOT_READY',
  ContainerFailed = 'CONTAINER_FAILED',
  NotRunning = 'ENVIRONMENT_NOT_RUNNING',
}

const STATUS_BY_CODE: Record<EnvironmentErrorCode, HttpStatus> = {
  [EnvironmentErrorCode.NotFound]: HttpStatus.NOT_FOUND,
  [EnvironmentErrorCode.RuntimeNotReady]: HttpStatus.SERVICE_UNAVAILABLE,
  [EnvironmentErrorCode.ContainerFailed]: HttpStatus.SERVICE_UNAVAILABLE,
  [EnvironmentErrorCode.NotRunning]: HttpStatus.CONFLICT,
};

export class EnvironmentException extends DomainException<EnvironmentErrorCode> {
  get status(): HttpStatus {
    return STATUS_BY_CODE[this.code];
  }
}
