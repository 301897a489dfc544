// Every error code Parley answers with, its HTTP status and what it means,
// listed once. Clients switch on `code`; `message` is for people.
export const errorCatalog = {
  VALIDATION_FAILED: { status: 400, doc: 'The request is malformed or a field is invalid; see `fields`.' },
  MESSAGE_TOO_LONG: { status: 400, doc: 'A message body is longer than 20,000 characters.' },
  UNAUTHENTICATED: { status: 401, doc: 'No valid session (or token) for this side of the API.' },
  INVALID_CREDENTIALS: { status: 401, doc: 'The email or password is wrong.' },
  CSRF_TOKEN_INVALID: { status: 403, doc: 'A cookie-authenticated write lacks the X-CSRF-Token header of its session.' },
  FORBIDDEN: { status: 403, doc: 'The user may see this, but their role may not do it.' },
  NOT_FOUND: { status: 404, doc: 'No such route.' },
  CONVERSATION_NOT_FOUND: { status: 404, doc: 'No conversation with this id that this user may see.' },
  RECORD_NOT_FOUND: { status: 404, doc: 'No order, RFQ or quote with this id that this user may see.' },
  CUSTOMER_NOT_FOUND: { status: 404, doc: 'No customer with this id.' },
  CUSTOMER_USER_NOT_FOUND: { status: 404, doc: 'No customer user with this id.' },
  PARTICIPANT_NOT_FOUND: { status: 404, doc: 'No participant with this id takes part in this conversation.' },
  REQUEST_TIMEOUT: { status: 408, doc: 'The request did not arrive in time; send it again.' },
  CONVERSATION_CLOSED: { status: 409, doc: 'The conversation is Closed and accepts no message.' },
  INVALID_STATUS_TRANSITION: { status: 409, doc: 'The status change is not allowed from the current status.' },
  PARTICIPANT_REQUIRED: { status: 409, doc: "The conversation's customer user and its owner always take part; they cannot be removed." },
  EXTERNAL_ID_CONFLICT: { status: 409, doc: "Another row's externalId already has this email or number; see `fields`." },
  PAYLOAD_TOO_LARGE: { status: 413, doc: 'The request body is larger than the server accepts.' },
  URL_TOO_LONG: { status: 414, doc: 'A part of the URL path is longer than 100 characters.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, doc: 'The request body is not `application/json`.' },
  IDEMPOTENCY_KEY_REUSED: { status: 422, doc: 'This Idempotency-Key was used before with a different request.' },
  RATE_LIMITED: { status: 429, doc: 'Too many attempts; retry after the Retry-After header.' },
  HEADERS_TOO_LARGE: { status: 431, doc: 'The request headers are larger than the server accepts.' },
  INTERNAL_ERROR: { status: 500, doc: 'Something failed on the server; nothing was half-written.' },
  // the store's sign-in handoff (GET /sso) and staff accounts
  HANDOFF_INVALID: {
    status: 401,
    doc: 'The handoff token is malformed, wrongly signed, for another audience, or lives longer than 5 minutes.',
  },
  HANDOFF_EXPIRED: { status: 401, doc: 'The handoff token has expired; the store should sign a new one.' },
  HANDOFF_REPLAYED: { status: 401, doc: "The handoff token's jti was used before; each token opens one session." },
  HANDOFF_UNKNOWN_USER: {
    status: 401,
    doc: "No customer user has the token's sub as externalId, and the token carries no profile to create one.",
  },
  HANDOFF_DISABLED: { status: 403, doc: 'Sign-in from the store is not set up, or PARLEY_STOREFRONT_SIGNIN=password.' },
  PASSWORD_SIGNIN_DISABLED: { status: 403, doc: 'The storefront signs in only through the store (PARLEY_STOREFRONT_SIGNIN=handoff).' },
  PASSWORD_TOKEN_INVALID: { status: 400, doc: 'The set-password or reset link is unknown, used or expired.' },
  EMAIL_TAKEN: { status: 409, doc: 'Another user on this side already has this email.' },
  SERVICE_UNAVAILABLE: { status: 503, doc: 'The database (or Redis, when configured) is not reachable; try again or another instance.' },
  // saved replies
  SAVED_REPLY_NOT_FOUND: { status: 404, doc: 'No saved reply with this id that this user may see (shared, or their own).' },
  // attachments: each refusal names the file
  ATTACHMENT_NOT_FOUND: {
    status: 404,
    doc: 'No attachment with this id that this user may see (or attach: only their own unused uploads).',
  },
  ATTACHMENT_EMPTY: { status: 400, doc: 'The uploaded file is empty.' },
  ATTACHMENT_TOO_LARGE: { status: 413, doc: 'The uploaded file is larger than PARLEY_ATTACHMENT_MAX_MB (25 MB by default).' },
  ATTACHMENT_TYPE_NOT_ALLOWED: { status: 415, doc: "The file's type, found from its content, is not in PARLEY_ATTACHMENT_TYPES." },
  ATTACHMENT_TOO_MANY: { status: 400, doc: 'A message carries at most 10 files.' },
  RANGE_NOT_SATISFIABLE: { status: 416, doc: 'The Range asks for bytes past the end of the file.' },
} as const;

export type ErrorCode = keyof typeof errorCatalog;

/** Per field, what is wrong with it, in words for the person who filled it in. */
export type FieldErrors = Record<string, string>;

/** The body of every error answer. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; fields?: FieldErrors };
}
