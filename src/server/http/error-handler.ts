import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { errorCatalog, type ErrorBody, type ErrorCode, type FieldErrors } from '../../shared/errors';
import { AppError } from '../kernel/errors';
import { isDatabaseUnreachable } from '../db/unreachable';

const body = (code: ErrorCode, message: string, fields?: FieldErrors): ErrorBody => ({
  error: fields && Object.keys(fields).length > 0 ? { code, message, fields } : { code, message },
});

interface Answer {
  status: number;
  body: ErrorBody;
  headers?: Record<string, string> | undefined;
}

const answer = (code: ErrorCode, message: string, fields?: FieldErrors): Answer => ({
  status: errorCatalog[code].status,
  body: body(code, message, fields),
});

const invalidBody = (why: string) => answer('VALIDATION_FAILED', why, { body: why });

/**
 * Fastify's own refusals, before any route runs (the body parser, the
 * router), as the catalogue's codes: the client's mistake, said plainly.
 */
const frameworkAnswers: Record<string, () => Answer> = {
  FST_ERR_CTP_BODY_TOO_LARGE: () => answer('PAYLOAD_TOO_LARGE', 'The request body is too large.'),
  FST_ERR_CTP_INVALID_MEDIA_TYPE: () => answer('UNSUPPORTED_MEDIA_TYPE', 'Send the request body as application/json.'),
  FST_ERR_CTP_INVALID_JSON_BODY: () => invalidBody('Malformed JSON: the body could not be parsed.'),
  FST_ERR_CTP_EMPTY_JSON_BODY: () => invalidBody('The body is empty; send a JSON object.'),
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: () => invalidBody('The body does not match its Content-Length.'),
  FST_ERR_BAD_URL: () =>
    answer('VALIDATION_FAILED', 'The URL is not valid.', { path: 'The path holds an invalid percent-encoding (such as %ff).' }),
  FST_ERR_MAX_PARAM_LENGTH: () => answer('URL_TOO_LONG', 'A part of the URL path is longer than 100 characters.'),
};

/** What the validation of params, query, headers or body found, field by field. */
function validationAnswer(error: FastifyError): Answer {
  const fields: FieldErrors = {};
  const context = (error as { validationContext?: string }).validationContext ?? 'body';
  for (const issue of error.validation ?? []) {
    const field = issue.instancePath.replace(/^\//, '').replaceAll('/', '.') || context;
    // the whole body of the wrong type (a string, an array): zod's words are not for people
    const message = field === 'body' && issue.keyword === 'invalid_type' ? 'Send a JSON object.' : issue.message;
    fields[field] ??= message ?? 'This value is not valid.';
  }
  return answer('VALIDATION_FAILED', 'Some fields are invalid.', fields);
}

/** Any failure as the answer it makes: `{ error: { code, message, fields? } }` with its catalogue status. */
function answerFor(error: FastifyError | AppError): Answer {
  if (error instanceof AppError) return { ...answer(error.code, error.message, error.fields), headers: error.headers };
  if (hasZodFastifySchemaValidationErrors(error)) return validationAnswer(error);
  const known = frameworkAnswers[error.code];
  if (known) return known();
  const status = error.statusCode;
  if (status === 413) return frameworkAnswers.FST_ERR_CTP_BODY_TOO_LARGE!();
  if (status === 415) return frameworkAnswers.FST_ERR_CTP_INVALID_MEDIA_TYPE!();
  // the body parser's other refusals (a JSON prototype key, …): the body is at fault
  if (status && status >= 400 && status < 500) return invalidBody(error.message);
  if (isDatabaseUnreachable(error)) {
    return {
      ...answer('SERVICE_UNAVAILABLE', 'The database is not reachable. Nothing was saved; try again.'),
      headers: { 'retry-after': '1' },
    };
  }
  return answer('INTERNAL_ERROR', 'Something went wrong on our side. Nothing was saved.');
}

function sendAnswer(error: FastifyError | AppError, request: FastifyRequest, reply: FastifyReply) {
  const { status, body, headers } = answerFor(error);
  if (status >= 500) request.log.error({ err: error }, 'request failed');
  if (headers) reply.headers(headers);
  return reply.status(status).send(body);
}

/** Every failure leaves as `{ error: { code, message, fields? } }` with its catalog status. */
export function installErrorHandler(app: FastifyInstance) {
  app.setErrorHandler(sendAnswer);
  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send(body('NOT_FOUND', `No route ${request.method} ${request.url.split('?')[0]}.`));
  });
}

/** For Fastify's `frameworkErrors` option: the router's refusals (bad percent-encoding, a path part over 100 characters). */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  void sendAnswer(error, request, reply);
}

/**
 * For Fastify's `clientErrorHandler` option: what Node's HTTP parser refuses
 * before Fastify sees a request (headers too large, a request too slow,
 * something that is not HTTP) gets the error shape too, then the connection
 * closes as Node would close it.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket) {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const { status, body: payload } =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? answer('HEADERS_TOO_LARGE', 'The request headers are too large.')
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? answer('REQUEST_TIMEOUT', 'The request did not arrive in time.')
        : answer('VALIDATION_FAILED', 'The request could not be read as HTTP.');
  if (socket.writable) {
    const json = JSON.stringify(payload);
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(json)}\r\nConnection: close\r\n\r\n${json}`,
    );
  }
  socket.destroy(error);
}

/** The catalog as Markdown, for the README and the API docs. */
export function errorCatalogMarkdown(): string {
  return Object.entries(errorCatalog)
    .map(([code, { status, doc }]) => `| \`${code}\` | ${status} | ${doc} |`)
    .join('\n');
}
