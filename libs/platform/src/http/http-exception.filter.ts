import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { DependencyReplyError, DependencyUnavailableError } from '@tailor/messaging';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ZodValidationException } from 'nestjs-zod';
import type { ZodError } from 'zod';

import { DomainException } from './domain.exception';
import type { ErrorResponse } from './error-response';

type ErrorBody = Omit<ErrorResponse, 'correlationId'>;

const describeZodError = (error: ZodError): string =>
  error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`).join('; ');

const messageOf = (exception: HttpException): string => {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  return Array.isArray(message) ? message.join('; ') : String(message ?? exception.message);
};

/** Maps every exception to one JSON shape; anything unexpected is logged and answered as a 500 without internals. */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(HttpExceptionFilter.name);

  /** @param bodyLimitBytes what Fastify refuses a body beyond (its own 413 does not say the limit) */
  constructor(private readonly bodyLimitBytes: number) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const response = host.switchToHttp().getResponse<FastifyReply>();
    const body = this.toBody(exception);
    if (body.statusCode >= 500) this.logger.error({ err: exception, code: body.code }, body.message);
    void response.code(body.statusCode).send({ ...body, correlationId: request.id });
  }

  private toBody(exception: unknown): ErrorBody {
    if (exception instanceof ZodValidationException) {
      return {
        statusCode: HttpStatus.BAD_REQUEST,
        code: 'VALIDATION_FAILED',
        message: describeZodError(exception.getZodError() as ZodError),
      };
    }
    if (exception instanceof DomainException) {
      return { statusCode: exception.status, code: exception.code, message: exception.message };
    }
    if (exception instanceof DependencyUnavailableError) {
      return { statusCode: HttpStatus.SERVICE_UNAVAILABLE, code: 'DEPENDENCY_UNAVAILABLE', message: exception.message };
    }
    if (exception instanceof DependencyReplyError) {
      return { statusCode: HttpStatus.BAD_GATEWAY, code: 'DEPENDENCY_FAILED', message: exception.message };
    }
    if (exception instanceof HttpException) {
      const statusCode = exception.getStatus();
      if (statusCode === HttpStatus.PAYLOAD_TOO_LARGE) {
        return { statusCode, code: 'PAYLOAD_TOO_LARGE', message: `request body exceeds the limit of ${this.bodyLimitBytes} bytes` };
      }
      return { statusCode, code: HttpStatus[statusCode] ?? 'HTTP_ERROR', message: messageOf(exception) };
    }
    return { statusCode: HttpStatus.INTERNAL_SERVER_ERROR, code: 'INTERNAL_ERROR', message: 'internal error' };
  }
}
