import { FastifyAdapter } from '@nestjs/platform-fastify';
import { correlationIdOf } from '@tailor/logging';

/** Fastify, with each request's id its correlation id (the caller's x-correlation-id when sane, else a new one). */
export const createHttpAdapter = (): FastifyAdapter => new FastifyAdapter({ genReqId: correlationIdOf });
