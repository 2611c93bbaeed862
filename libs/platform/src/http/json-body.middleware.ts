import type { ErrorRequestHandler, RequestHandler } from 'express';
import { json, text } from 'express';

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

/** Parses a JSON text as JSON.parse does (same value, same errors); an app may pass a faster one for its bodies. */
export type JsonParse = (text: string) => unknown;

/**
 * body-parser's json(): strict (an object or an array), UTF-* only, gzip/deflate/br inflated, at most `limitBytes`
 * inflated. With `parse`, the body is read by body-parser's text() (same limits and errors) and parsed by it, with
 * json()'s strict rules and error types.
 */
export const parseJsonBody = (limitBytes: number, parse?: JsonParse): RequestHandler =>
  parse ? parseJsonBodyWith(parse, limitBytes) : json({ limit: limitBytes, strict: true });

const CHARSET = /;\s*charset\s*=\s*"?([^";\s]+)/i;

function parseJsonBodyWith(parse: JsonParse, limitBytes: number): RequestHandler {
  const readText = text({ type: 'application/json', limit: limitBytes });
  return (request, response, next) => {
    const charset = CHARSET.exec(request.headers['content-type'] ?? '')?.[1]?.toLowerCase();
    if (charset !== undefined && !charset.startsWith('utf-') && request.is('application/json')) {
      next(httpError(415, `unsupported charset "${charset.toUpperCase()}"`, 'charset.unsupported'));
      return;
    }
    readText(request, response, (error?: unknown) => {
      if (error || typeof request.body !== 'string') {
        next(error);
        return;
      }
      try {
        request.body = strictJson(request.body, parse);
        next();
      } catch (parseError) {
        next(Object.assign(parseError as Error, { status: 400, statusCode: 400, type: 'entity.parse.failed' }));
      }
    });
  };
}

const httpError = (status: number, message: string, type: string): Error =>
  Object.assign(new Error(message), { status, statusCode: status, expose: true, type });

/** JSON's whitespace: space, tab, line feed, carriage return */
const JSON_WHITESPACE = ' \t\n\r';

function firstNonWhitespace(body: string): string | undefined {
  for (let i = 0; i < body.length; i++) if (!JSON_WHITESPACE.includes(body[i] as string)) return body[i];
  return undefined;
}

/** body-parser's strict json parse: {} for an empty body, a SyntaxError naming the first character of a non-object */
function strictJson(body: string, parse: JsonParse): unknown {
  if (body.length === 0) return {};
  const first = body[0] === '{' || body[0] === '[' ? body[0] : firstNonWhitespace(body);
  if (first !== '{' && first !== '[') {
    const index = first ? body.indexOf(first) : -1;
    try {
      JSON.parse(index === -1 ? '' : body.slice(0, index) + '#'.repeat(body.length - index));
    } catch (error) {
      throw new SyntaxError(
        (error as Error).message.replace(/#+/g, (placeholder) => body.substring(index, index + placeholder.length)),
      );
    }
  }
  return parse(body);
}

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
