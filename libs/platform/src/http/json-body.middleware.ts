import type { ErrorRequestHandler, RequestHandler } from 'express';
import { json } from 'express';

const METHODS_WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);

const hasBody = (headers: Record<string, string | string[] | undefined>): boolean =>
  headers['transfer-encoding'] !== undefined || Number(headers['content-length'] ?? 0) > 0;

/** A request that carries a body must say it is JSON: anything else is a 415, before any byte of it is parsed. */
export const requireJsonContentType: RequestHandler = (request, response, next) => {
  if (!METHODS_WITH_BODY.has(request.method) || !hasBody(request.headers) || request.is('application/json')) {
    next();
    return;
  }
  response.status(415).json({
    statusCode: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: `content-type must be application/json, got ${request.headers['content-type'] ?? 'none'}`,
  });
};

export const parseJsonBody = (limitBytes: number): RequestHandler => json({ limit: limitBytes, strict: true });

interface BodyParserError extends Error {
  type?: string;
  status?: number;
  limit?: number;
}

const bodyParserFailures: Record<string, (error: BodyParserError) => { statusCode: number; code: string; message: string }> = {
  'entity.too.large': (error) => ({
    statusCode: 413,
    code: 'PAYLOAD_TOO_LARGE',
    message: `request body exceeds the limit of ${error.limit} bytes`,
  }),
  'entity.parse.failed': (error) => ({
    statusCode: 400,
    code: 'MALFORMED_JSON',
    message: `body is not valid JSON: ${error.message}`,
  }),
  'charset.unsupported': (error) => ({ statusCode: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: error.message }),
  'encoding.unsupported': (error) => ({ statusCode: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: error.message }),
};

/** Any other client error of body-parser, e.g. a gzip body that does not inflate. */
const otherClientFailure = (error: BodyParserError) =>
  typeof error.status === 'number' && error.status >= 400 && error.status < 500
    ? { statusCode: error.status, code: 'MALFORMED_BODY', message: `body could not be read: ${error.message}` }
    : undefined;

/** body-parser's failures (too large, malformed, bad charset) as the same JSON errors as everything else. */
export const jsonBodyErrors: ErrorRequestHandler = (error: BodyParserError, _request, response, next) => {
  const describe = error.type ? bodyParserFailures[error.type] : undefined;
  const body = describe ? describe(error) : otherClientFailure(error);
  if (!body) {
    next(error);
    return;
  }
  response.status(body.statusCode).json(body);
};
