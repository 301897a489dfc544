// The integration API's shapes: service tokens (back-office, Settings >
// Integrations) and the sync API a store calls with one (/integration/v1),
// keyed by the store's own ids.
import { z } from 'zod';
import { hasContent, RecordType } from './api';
import { BLANK, requiredText } from './input';

export const TOKEN_SCOPES = ['directory:write', 'records:write', 'conversations:read', 'conversations:write', 'webhooks:manage'] as const;
export const TokenScope = z.enum(TOKEN_SCOPES);
export type TokenScope = z.infer<typeof TokenScope>;

export const TokenStatus = z.enum(['active', 'expired', 'revoked']);

export const ServiceToken = z.object({
  id: z.number(),
  label: z.string(),
  scopes: z.array(TokenScope),
  /** the secret's first characters, to recognise it ("pk_3fA9…") */
  prefix: z.string(),
  status: TokenStatus,
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ServiceToken = z.infer<typeof ServiceToken>;

/** A token with its secret: answered once, when created or rotated, and never again. */
export const ServiceTokenWithSecret = z.object({ token: ServiceToken, secret: z.string() });
export type ServiceTokenWithSecret = z.infer<typeof ServiceTokenWithSecret>;

/** A moment with its offset, kept as Parley keeps times (UTC, milliseconds), so that it compares as text. */
const InstantText = z.iso.datetime({ offset: true, error: 'Use a date and time such as 2027-01-31T00:00:00Z.' });
const Instant = InstantText.transform((v) => new Date(v).toISOString());

export const CreateTokenBody = z.object({
  label: requiredText(100),
  scopes: z.array(TokenScope).min(1, 'Choose at least one scope.'),
  /** absent or null: never expires */
  expiresAt: Instant.nullable().optional(),
});
export type CreateTokenBody = z.infer<typeof CreateTokenBody>;

// ---------------------------------------------------------------- sync API

/** The store's own id of a row: any text up to 255 characters, without control characters. */
export const ExternalId = z
  .string()
  .min(1)
  .max(255)
  // eslint-disable-next-line no-control-regex -- what an id may not contain
  .regex(/^[^\u0000-\u001f\u007f]+$/, 'Use text without control characters.');
export const ExternalIdParams = z.object({ externalId: ExternalId });

const Email = z.email('Use an email address.').max(255);
const Name = requiredText(100);

export const CustomerUpsert = z
  .object({
    name: requiredText(255),
    parentExternalId: ExternalId.nullable().optional(),
    /** a back-office user's email; the conversations of this customer go to them */
    salesRepEmail: Email.nullable().optional(),
  })
  .meta({ examples: [{ name: 'Initech', parentExternalId: 'C-1', salesRepEmail: 'charlie@parley.example' }] });
export const SyncCustomer = z.object({
  externalId: z.string(),
  id: z.number(),
  name: z.string(),
  parentExternalId: z.string().nullable(),
  salesRepEmail: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const CustomerUserUpsert = z
  .object({
    email: Email,
    firstName: Name,
    lastName: Name,
    role: z.enum(['buyer', 'administrator']),
    customerExternalId: ExternalId,
  })
  .meta({
    examples: [{ email: 'peter@initech.example', firstName: 'Peter', lastName: 'Gibbons', role: 'buyer', customerExternalId: 'C-100' }],
  });
export const SyncCustomerUser = z.object({
  externalId: z.string(),
  id: z.number(),
  email: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  role: z.enum(['buyer', 'administrator']),
  customerExternalId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const BackofficeUserUpsert = z
  .object({
    email: Email,
    firstName: Name,
    lastName: Name,
    role: z.enum(['sales_manager', 'administrator']),
    active: z.boolean().default(true),
  })
  .meta({ examples: [{ email: 'bill@parley.example', firstName: 'Bill', lastName: 'Lumbergh', role: 'sales_manager', active: true }] });
export const SyncBackofficeUser = z.object({
  externalId: z.string(),
  id: z.number(),
  email: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  role: z.enum(['sales_manager', 'administrator']),
  active: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const Money = z.string().regex(/^-?\d{1,15}(\.\d{1,4})?$/, 'Use a decimal number such as 1250.00.');
export const RecordLine = z.object({
  sku: requiredText(100),
  name: requiredText(255),
  quantity: z.number().positive().max(1e9),
  price: Money,
});
export type RecordLine = z.infer<typeof RecordLine>;

export const RecordUpsert = z.object({
  number: requiredText(100),
  status: requiredText(100),
  total: Money,
  currency: z.string().regex(/^[A-Z]{3}$/, 'Use a three-letter currency code such as USD.'),
  /** when the store created it (default: now); as text, normalised where it is stored, so the examples reach the API docs */
  createdAt: InstantText.optional(),
  customerUserExternalId: ExternalId,
  lines: z.array(RecordLine).max(1000).optional(),
});
/**
 * A record kind's example body, for the API docs (zod leaves `examples` out
 * of the input schema of an object with a transform inside: RecordUpsert has none).
 */
const recordExample = (number: string, status: string, total: string) =>
  RecordUpsert.meta({
    examples: [
      {
        number,
        status,
        total,
        currency: 'USD',
        createdAt: '2026-11-01T10:00:00Z',
        customerUserExternalId: 'U-7',
        lines: [{ sku: 'W-1', name: 'Widget', quantity: 5, price: '250.00' }],
      },
    ],
  });
export const SyncRecord = z.object({
  externalId: z.string(),
  id: z.number(),
  type: RecordType,
  number: z.string(),
  status: z.string(),
  total: z.string(),
  currency: z.string(),
  customerUserExternalId: z.string().nullable(),
  lines: z.array(RecordLine),
  createdAt: z.string(),
  /** when Parley's copy last changed */
  updatedAt: z.string(),
});

export const SyncListQuery = z.object({
  /** only rows changed at or after this time */
  updatedSince: Instant.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export const SyncPage = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable().describe('pass as `cursor` for the next page; null on the last') });

/** The kinds of the sync API, as bulk lines name them, and the path segment of each. */
export const SYNC_KINDS = ['backoffice_user', 'customer', 'customer_user', 'order', 'rfq', 'quote'] as const;
export type SyncKind = (typeof SYNC_KINDS)[number];
export const syncPaths: Record<SyncKind, string> = {
  backoffice_user: 'backoffice-users',
  customer: 'customers',
  customer_user: 'customer-users',
  order: 'orders',
  rfq: 'rfqs',
  quote: 'quotes',
};
export const upsertBodies = {
  backoffice_user: BackofficeUserUpsert,
  customer: CustomerUpsert,
  customer_user: CustomerUserUpsert,
  order: recordExample('SO-5001', 'Processing', '1250.00'),
  rfq: recordExample('RFQ-2001', 'Submitted', '1250.00'),
  quote: recordExample('Q-3001', 'Sent to customer', '1250.00'),
} as const;

export const BulkResult = z.object({
  /** 1-based line of the NDJSON body */
  line: z.number(),
  kind: z.string().nullable(),
  externalId: z.string().nullable(),
  outcome: z.enum(['created', 'updated', 'unchanged', 'failed']),
  id: z.number().optional(),
  error: z.object({ code: z.string(), message: z.string(), fields: z.record(z.string(), z.string()).optional() }).optional(),
});
export type BulkResult = z.infer<typeof BulkResult>;
export const BulkAnswer = z.object({
  counts: z.object({ created: z.number(), updated: z.number(), unchanged: z.number(), failed: z.number() }),
  results: z.array(BulkResult),
});
export type BulkAnswer = z.infer<typeof BulkAnswer>;

// ---------------------------------------------------------------- conversations

/** Who writes an integration's message: a back-office user (by externalId or email), or Parley itself (a system message). */
export const MessageAuthorChoice = z.union([
  z.literal('system'),
  z.object({ externalId: ExternalId }).strict(),
  z.object({ email: Email }).strict(),
]);
export type MessageAuthorChoice = z.infer<typeof MessageAuthorChoice>;

const MessageText = z.string({ error: BLANK }).trim().min(1, BLANK);

export const IntegrationCreateConversationBody = z
  .object({
    name: requiredText(255),
    customerUserExternalId: ExternalId,
    /** the order, RFQ or quote it is about */
    record: z.object({ type: RecordType, externalId: ExternalId }).optional(),
    /** the first message (at most 20,000 characters: longer answers MESSAGE_TOO_LONG) */
    message: MessageText,
    author: MessageAuthorChoice,
  })
  .meta({
    examples: [
      {
        name: 'Order SO-5001',
        customerUserExternalId: 'U-7',
        record: { type: 'order', externalId: 'O-5001' },
        message: 'Your order has shipped.',
        author: { email: 'charlie@parley.example' },
      },
    ],
  });

export const IntegrationPostMessageBody = z
  .object({
    /** may be empty when the message carries files */
    body: z.string({ error: BLANK }).trim().default(''),
    author: MessageAuthorChoice,
    /** this token's uploads (POST /integration/v1/attachments) for the message to carry, at most 10 */
    attachmentIds: z.array(z.number().int().min(1).max(2_147_483_647)).max(100).optional(),
  })
  .refine(hasContent, { message: BLANK, path: ['body'] })
  .meta({ examples: [{ body: 'Tracking number: 1Z999AA10123456784', author: 'system' }] });

export const IntegrationConversationsQuery = z.object({
  customerUserExternalId: ExternalId.optional(),
  updatedSince: Instant.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
