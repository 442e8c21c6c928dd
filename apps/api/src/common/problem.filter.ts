import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { QueryFailedError } from 'typeorm';
import { DomainError, type FieldError } from './domain-error.js';

interface Problem {
  type: string;
  status: number;
  title: string;
  code: string;
  detail?: string;
  errors?: FieldError[];
  requestId?: string;
}

/** Fastify's own errors (raised before a route runs) mapped to stable codes. */
const FASTIFY_ERRORS: Record<string, { status: number; code: string; title: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: {
    status: 413,
    code: 'payload_too_large',
    title: 'Payload too large',
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    code: 'unsupported_media_type',
    title: 'Unsupported media type',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'bad_request', title: 'Bad request' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'malformed_json', title: 'Malformed JSON' },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'malformed_json', title: 'Malformed JSON' },
};

const HTTP_CODES: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  406: 'not_acceptable',
  409: 'conflict',
  412: 'precondition_failed',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'unprocessable_entity',
  428: 'precondition_required',
  429: 'too_many_requests',
};

/** Unique indexes whose violation is a caller's conflict, with the codes the services use. */
const UNIQUE_CONSTRAINTS: Record<string, { code: string; detail: string }> = {
  recruiters_registration_uq: {
    code: 'registration_number_taken',
    detail: 'This jurisdiction already has a record with this registration number.',
  },
  jurisdictions_pkey: {
    code: 'jurisdiction_exists',
    detail: 'A registry for this country already exists.',
  },
  users_email_uq: { code: 'email_taken', detail: 'An account with this e-mail already exists.' },
};

function uniqueViolation(error: unknown): string | null {
  if (!(error instanceof QueryFailedError)) return null;
  const driver = error.driverError as { code?: string; constraint?: string };
  return driver.code === '23505' ? (driver.constraint ?? '') : null;
}

export function toProblem(error: unknown): Problem {
  if (error instanceof DomainError) {
    return {
      type: 'about:blank',
      status: error.status,
      title: error.title,
      code: error.code,
      detail: error.detail,
      errors: error.errors,
    };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const body = error.getResponse();
    const message = typeof body === 'object' && body && 'message' in body ? body.message : body;
    return {
      type: 'about:blank',
      status,
      title: error.name.replace(/Exception$/, '').replace(/([a-z])([A-Z])/g, '$1 $2'),
      code: HTTP_CODES[status] ?? 'http_error',
      detail: typeof message === 'string' ? message : undefined,
    };
  }
  const constraint = uniqueViolation(error);
  if (constraint !== null) {
    // Two requests raced past the service's own existence check; the index had the last word.
    const known = UNIQUE_CONSTRAINTS[constraint];
    return {
      type: 'about:blank',
      status: 409,
      title: 'Conflict',
      code: known?.code ?? 'already_exists',
      detail: known?.detail ?? 'A record with these values already exists.',
    };
  }
  const fastifyCode = (error as { code?: unknown } | null)?.code;
  if (typeof fastifyCode === 'string' && fastifyCode in FASTIFY_ERRORS) {
    const known = FASTIFY_ERRORS[fastifyCode];
    return { type: 'about:blank', ...known, detail: (error as Error).message };
  }
  const statusCode = (error as { statusCode?: unknown } | null)?.statusCode;
  if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
    // Other client errors Fastify raised while reading the request (bad headers, bad encoding).
    return {
      type: 'about:blank',
      status: statusCode,
      title: 'Bad request',
      code: HTTP_CODES[statusCode] ?? 'bad_request',
      detail: (error as Error).message,
    };
  }
  return {
    type: 'about:blank',
    status: 500,
    title: 'Internal server error',
    code: 'internal_error',
    detail: 'Something went wrong on our side. The error was logged with the request id.',
  };
}

export function sendProblem(
  reply: FastifyReply,
  request: FastifyRequest,
  error: unknown,
  logger: Pick<Logger, 'error'>,
): void {
  const problem = { ...toProblem(error), requestId: String(request.id) };
  if (problem.status >= 500) {
    // Logged once, with the request id and the stack; never the body (it may hold personal data).
    // Only name, message and stack: a database error object also carries the query's parameters,
    // which can hold personal data.
    const err =
      error instanceof Error
        ? { name: error.name, message: error.message, stack: error.stack }
        : String(error);
    logger.error(
      { requestId: request.id, route: request.routeOptions?.url, err },
      'unexpected error',
    );
  }
  void reply.status(problem.status).type('application/problem+json').send(problem);
}

@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    sendProblem(http.getResponse<FastifyReply>(), http.getRequest<FastifyRequest>(), error, {
      error: (obj: unknown, msg?: string) => this.logger.error(obj, msg),
    });
  }
}
