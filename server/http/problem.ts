import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';

/** One field-level complaint: where (a JSON pointer into the request part) and what is wrong. */
export interface FieldError {
  path: string;
  message: string;
  code?: string;
}

/** An RFC 9457 problem that a service or route throws to end a request with a given status. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    /** A stable, machine-readable reason (`not_found`, `password_too_short`, …) the app translates. */
    readonly code: string,
    message: string,
    readonly errors: FieldError[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'HttpProblem';
  }
}

export const notFound = (what = 'Resource') => new HttpProblem(404, 'not_found', `${what} not found`);
export const conflict = (code: string, message: string) => new HttpProblem(409, code, message);
export const forbidden = (message = 'You do not have permission to do this', code = 'forbidden') =>
  new HttpProblem(403, code, message);
export const unauthorized = (code = 'unauthenticated', message = 'Log in first') =>
  new HttpProblem(401, code, message);
export const unprocessable = (code: string, message: string, errors: FieldError[] = []) =>
  new HttpProblem(422, code, message, errors);

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

interface ProblemBody {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  instance: string;
  requestId: string;
  errors?: FieldError[];
}

function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  problem: Omit<ProblemBody, 'type' | 'title' | 'instance' | 'requestId'>,
) {
  const body: ProblemBody = {
    type: `https://kefu.dev/problems/${problem.code}`,
    title: TITLES[problem.status] ?? 'Error',
    instance: request.url.split('?')[0] ?? request.url,
    requestId: String(request.id),
    ...problem,
  };
  if (!body.errors?.length) delete body.errors;
  return reply.status(problem.status).type('application/problem+json; charset=utf-8').send(body);
}

/** Maps Fastify's own errors (bad JSON, oversize body, schema validation, rate limits) to problem+json. */
function problemFromFrameworkError(
  error: FastifyError,
): Omit<ProblemBody, 'type' | 'title' | 'instance' | 'requestId'> {
  if (hasZodFastifySchemaValidationErrors(error)) {
    const part = error.validationContext ?? 'body';
    return {
      status: 400,
      code: 'validation_failed',
      detail: `The request ${part} is invalid`,
      errors: error.validation.map((issue) => ({
        path: `${part}${issue.instancePath === '/' ? '' : issue.instancePath}`,
        message: issue.message ?? 'Invalid value',
        code: issue.keyword,
      })),
    };
  }
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { status: 400, code: 'malformed_json', detail: 'The request body is not valid JSON' };
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return {
        status: 413,
        code: 'body_too_large',
        detail: 'The request body is larger than this endpoint accepts',
      };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { status: 415, code: 'unsupported_media_type', detail: 'Send the body as application/json' };
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return {
        status: 400,
        code: 'invalid_content_length',
        detail: 'Content-Length does not match the body',
      };
  }
  const status = error.statusCode ?? 500;
  if (status === 429) return { status, code: 'rate_limited', detail: 'Too many requests; try again later' };
  if (status >= 400 && status < 500) {
    return { status, code: 'bad_request', detail: error.message };
  }
  return { status: 500, code: 'internal_error', detail: 'Something went wrong on our side' };
}

/** Installs problem+json as the only error format, for thrown errors and for unknown routes. */
export function registerProblemHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | HttpProblem, request, reply) => {
    if (error instanceof HttpProblem) {
      reply.headers(error.headers);
      return sendProblem(request, reply, {
        status: error.status,
        code: error.code,
        detail: error.message,
        errors: error.errors,
      });
    }
    const problem = problemFromFrameworkError(error);
    if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
    return sendProblem(request, reply, problem);
  });

  app.setNotFoundHandler((request, reply) =>
    sendProblem(request, reply, {
      status: 404,
      code: 'route_not_found',
      detail: `No route for ${request.method} ${request.url.split('?')[0]}`,
    }),
  );
}
