import { DomainException } from './domain.exception';

/** A request refused before any controller ran: its media type, encoding or body. */
export class RequestRefusedException extends DomainException<'UNSUPPORTED_MEDIA_TYPE' | 'MALFORMED_JSON' | 'MALFORMED_BODY'> {
  constructor(
    readonly status: 400 | 415,
    code: RequestRefusedException['code'],
    message: string,
  ) {
    super(code, message);
  }
}
