import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { errorCatalog, type ErrorBody, type ErrorCode, type FieldErrors } from '../../shared/errors';
import { AppError } from '../kernel/errors';

const send = (code: ErrorCode, message: string, fields?: FieldErrors): ErrorBody => ({
  error: fields && Object.keys(fields).length > 0 ? { code, message, fields } : { code, message },
});

/** Every failure leaves as `{ error: { code, message, fields? } }` with its catalog status. */
export function installErrorHandler(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    if (error instanceof AppError) {
      if (error.headers) reply.headers(error.headers);
      return reply.status(error.status).send(send(error.code, error.message, error.fields));
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const fields: FieldErrors = {};
      const context = (error as { validationContext?: string }).validationContext ?? 'body';
      for (const issue of error.validation) {
        const field = issue.instancePath.replace(/^\//, '').replaceAll('/', '.') || context;
        fields[field] ??= issue.message ?? 'This value is not valid.';
      }
      return reply.status(400).send(send('VALIDATION_FAILED', 'Some fields are invalid.', fields));
    }
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return reply.status(413).send(send('PAYLOAD_TOO_LARGE', 'The request body is too large.'));
    }
    const status = error.statusCode;
    if (status && status >= 400 && status < 500) {
      // malformed JSON, wrong content type, bad headers: the client's mistake, said plainly
      return reply.status(status === 415 ? 415 : 400).send(send('VALIDATION_FAILED', error.message));
    }
    request.log.error({ err: error }, 'request failed');
    return reply.status(500).send(send('INTERNAL_ERROR', 'Something went wrong on our side. Nothing was saved.'));
  });

  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send(send('NOT_FOUND', `No route ${request.method} ${request.url.split('?')[0]}.`));
  });
}

/** The catalog as Markdown, for the README and the API docs. */
export function errorCatalogMarkdown(): string {
  return Object.entries(errorCatalog)
    .map(([code, { status, doc }]) => `| \`${code}\` | ${status} | ${doc} |`)
    .join('\n');
}
