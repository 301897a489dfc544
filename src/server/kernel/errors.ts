import { errorCatalog, type ErrorCode, type FieldErrors } from '../../shared/errors';

export type { ErrorCode, FieldErrors } from '../../shared/errors';

/**
 * The one error class: a code of the catalogue (src/shared/errors.ts), which
 * gives the HTTP status, a message for people and, for a form, what is wrong
 * with each field. Expected outcomes that the client must handle are these;
 * anything else thrown is a fault (500, logged).
 */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: FieldErrors,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.status = errorCatalog[code].status;
  }
}

export const notFound = (code: Extract<ErrorCode, `${string}NOT_FOUND`>, what: string) => new AppError(code, `${what} not found.`);

/** VALIDATION_FAILED for the fields of a form. */
export const invalidFields = (fields: FieldErrors) => new AppError('VALIDATION_FAILED', 'Some fields are invalid.', fields);

/** VALIDATION_FAILED for a list's cursor that is not one this server handed out. */
export const badCursor = () => invalidFields({ cursor: 'Use the nextCursor of a previous page.' });
