import { HttpStatus } from '@nestjs/common';
import { DomainException } from '@tailor/platform';

export enum IngestErrorCode {
  InconsistentRecord = 'INCONSISTENT_RECORD',
  /** a value passed the schema but Postgres cannot hold it (NUL characters, lone surrogates, years out of range) */
  UnstorableValue = 'UNSTORABLE_VALUE',
}

export class IngestException extends DomainException<IngestErrorCode> {
  readonly status = HttpStatus.BAD_REQUEST;
}
