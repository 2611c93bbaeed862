import { PassThrough, type Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';

import type { FastifyInstance, FastifyRequest } from 'fastify';

import { RequestRefusedException } from './request-refused.exception';

const INFLATERS: Record<string, () => NodeJS.ReadWriteStream> = {
  gzip: createGunzip,
  'x-gzip': createGunzip,
  deflate: createInflate,
  br: createBrotliDecompress,
};

const CHARSET = /;\s*charset\s*=\s*"?([^";\s]+)/i;

/**
 * The one body every Tailor endpoint takes: JSON (anything else is a 415 before any byte is read), strict (an object or
 * an array), UTF-* only, gzip/deflate/br inflated, at most `limitBytes` once inflated (413). Refusals reach the
 * global exception filter like every other error.
 */
export function acceptJsonBodies(fastify: FastifyInstance, limitBytes: number): void {
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('*', (request, _payload, done) => {
    const got = request.headers['content-type'] || 'none';
    done(new RequestRefusedException(415, 'UNSUPPORTED_MEDIA_TYPE', `content-type must be application/json, got ${got}`), undefined);
  });
  fastify.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: limitBytes }, (_request, body, done) => {
    try {
      done(null, strictJson(body as string));
    } catch (error) {
      done(new RequestRefusedException(400, 'MALFORMED_JSON', `body is not valid JSON: ${(error as Error).message}`), undefined);
    }
  });
  fastify.addHook('preParsing', (request, _reply, payload, done) => {
    try {
      refuseOtherCharsets(request);
      done(null, inflated(request, payload));
    } catch (error) {
      done(error as Error);
    }
  });
}

function refuseOtherCharsets(request: FastifyRequest): void {
  const charset = CHARSET.exec(request.headers['content-type'] ?? '')?.[1]?.toLowerCase();
  if (charset !== undefined && !charset.startsWith('utf-')) {
    throw new RequestRefusedException(415, 'UNSUPPORTED_MEDIA_TYPE', `unsupported charset "${charset.toUpperCase()}"`);
  }
}

/** The body as sent, or inflated: Fastify's limit then counts inflated bytes, as it should. */
function inflated(request: FastifyRequest, payload: Readable): Readable {
  const encoding = (request.headers['content-encoding'] ?? 'identity').toLowerCase();
  if (encoding === 'identity') return payload;
  const inflater = INFLATERS[encoding];
  if (!inflater) throw new RequestRefusedException(415, 'UNSUPPORTED_MEDIA_TYPE', `unsupported content encoding "${encoding}"`);
  const inflating = inflater();
  const body = Object.assign(new PassThrough(), { receivedEncodedLength: 0 }); // what Fastify compares with content-length
  payload.on('data', (chunk: Buffer) => (body.receivedEncodedLength += chunk.length));
  payload.on('error', (error) => body.destroy(error));
  inflating.on('error', (error) => {
    payload.resume();
    body.destroy(new RequestRefusedException(400, 'MALFORMED_BODY', `body could not be read: ${error.message}`));
  });
  payload.pipe(inflating).pipe(body);
  return body;
}

/** JSON's whitespace: space, tab, line feed, carriage return */
const JSON_WHITESPACE = ' \t\n\r';

function firstNonWhitespace(body: string): string | undefined {
  for (let i = 0; i < body.length; i++) if (!JSON_WHITESPACE.includes(body[i] as string)) return body[i];
  return undefined;
}

/** body-parser's strict JSON: {} for an empty body, a SyntaxError naming the first character of a non-object */
function strictJson(body: string): unknown {
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
  return JSON.parse(body);
}
