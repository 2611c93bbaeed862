import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const CORRELATION_HEADER = 'x-correlation-id';

const VALID_CORRELATION_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The caller's correlation id when it sent a sane one, else a new one. */
export function correlationIdOf(request: IncomingMessage): string {
  const header = request.headers[CORRELATION_HEADER];
  const candidate = Array.isArray(header) ? header[0] : header;
  return candidate && VALID_CORRELATION_ID.test(candidate) ? candidate : randomUUID();
}
