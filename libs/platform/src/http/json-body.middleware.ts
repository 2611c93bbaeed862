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

/** body-parser's failures (too large, malformed, bad charset) as the same JSON errors as everything else. */
export const jsonBodyErrors: ErrorRequestHandler = (error: BodyParserError, _request, response, next) => {
  switch (error.type) {
    case 'entity.too.large':
      response.status(413).json({
        statusCode: 413,
        code: 'PAYLOAD_TOO_LARGE',
        message: `request body exceeds the limit of ${error.limit} bytes`,
      });
      return;
    case 'entity.parse.failed':
      response.status(400).json({ statusCode: 400, code: 'MALFORMED_JSON', message: `body is not valid JSON: ${error.message}` });
      return;
    case 'charset.unsupported':
    case 'encoding.unsupported':
      response.status(415).json({ statusCode: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: error.message });
      return;
    default:
      next(error);
  }
};
