// The JSON API's shapes, shared by the server (validation, OpenAPI) and the web apps.
import { z } from 'zod';
import { BLANK, bodyNumber, DateBound, INT_MAX, requiredText, text, wholeNumber } from './input';

export { BLANK, tooLongMessage } from './input';

export const SUBJECT_MAX = 255;
export const MESSAGE_MAX = 20_000;

/** An id in a path or query string. */
export const Id = wholeNumber(1);
/** An id in a JSON body. */
export const BodyId = bodyNumber(1);
export const IdParams = z.object({ id: Id });

export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.record(z.string(), z.string()).optional(),
  }),
});

// ---------------------------------------------------------------- accounts

export const SignInBody = z.object({
  email: requiredText(255),
  password: text({ error: BLANK }).min(1, BLANK).max(1024),
});

export const SignedInUser = z.object({
  id: z.number(),
  email: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  name: z.string(),
  role: z.string(),
  customer: z.object({ id: z.number(), name: z.string() }).optional(),
});
export type SignedInUser = z.infer<typeof SignedInUser>;

export const SessionResponse = z.object({ user: SignedInUser, csrfToken: z.string() });
export type SessionResponse = z.infer<typeof SessionResponse>;
/** GET /session/check: the session, or nulls when no one is signed in (a 200 either way) */
export const SessionCheck = z.object({ user: SignedInUser.nullable(), csrfToken: z.string().nullable() });
export type SessionCheck = z.infer<typeof SessionCheck>;

// ---------------------------------------------------------------- records

export const RecordType = z.enum(['order', 'rfq', 'quote']);
export type RecordType = z.infer<typeof RecordType>;
export const recordTypeLabel: Record<RecordType, string> = { order: 'Order', rfq: 'Request for Quote', quote: 'Quote' };
/** The URL segment of each record type, in both APIs and the storefront: /orders, /rfqs, /quotes. */
export const recordPaths: Record<RecordType, string> = { order: 'orders', rfq: 'rfqs', quote: 'quotes' };
/** "Order SO-1001" */
export const recordLabel = (type: RecordType, number: string) => `${recordTypeLabel[type]} ${number}`;

export const SourceRef = z.object({
  id: z.number(),
  type: RecordType,
  number: z.string(),
  /** "Order SO-1001" */
  label: z.string(),
});
export type SourceRef = z.infer<typeof SourceRef>;

export const CommerceRecord = z.object({
  id: z.number(),
  type: RecordType,
  number: z.string(),
  label: z.string(),
  status: z.string(),
  total: z.string(),
  currency: z.string(),
  customer: z.object({ id: z.number(), name: z.string() }),
  customerUser: z.object({ id: z.number(), name: z.string() }),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type CommerceRecord = z.infer<typeof CommerceRecord>;

// ---------------------------------------------------------------- conversations

export const ConversationStatus = z.enum(['active', 'closed']);
export type ConversationStatus = z.infer<typeof ConversationStatus>;

export const PersonRef = z.object({ id: z.number(), name: z.string() });

export const MessageAuthor = z.object({
  kind: z.enum(['customer_user', 'backoffice_user']),
  participantId: z.number(),
  userId: z.number(),
  name: z.string(),
  initials: z.string(),
  /** buyer | administrator (customer user), sales_manager | administrator (back-office) */
  role: z.string(),
  deleted: z.boolean(),
});
export type MessageAuthor = z.infer<typeof MessageAuthor>;

/** A file a message carries; its bytes at {side}/attachments/{id}, an image's thumbnail at …/{id}/thumbnail. */
export const MessageAttachment = z.object({
  id: z.number(),
  name: z.string(),
  /** found from the content, not the name */
  contentType: z.string(),
  size: z.number(),
  sha256: z.string(),
  /** an image with a thumbnail (at most 400 px) */
  thumbnail: z.boolean(),
  createdAt: z.string(),
  /** webhooks only: a signed link that works for an hour, without a session */
  downloadUrl: z.string().optional(),
});
export type MessageAttachment = z.infer<typeof MessageAttachment>;
/** files one message may carry */
export const ATTACHMENTS_PER_MESSAGE = 10;
/** What the composer checks before it uploads (the server checks again, by content). */
export const AttachmentLimits = z.object({ maxBytes: z.number(), types: z.array(z.string()), perMessage: z.number() });
export type AttachmentLimits = z.infer<typeof AttachmentLimits>;

export const Message = z.object({
  id: z.number(),
  conversationId: z.number(),
  seq: z.number(),
  /** `note`: an internal note, shown to back-office users only */
  type: z.enum(['text', 'system', 'note']),
  body: z.string(),
  author: MessageAuthor.nullable(),
  /** who really wrote it, when an Administrator posted on behalf of the author */
  sentBy: PersonRef.nullable(),
  createdAt: z.string(),
  /** the files it carries; absent when none */
  attachments: z.array(MessageAttachment).optional(),
});
export type Message = z.infer<typeof Message>;

export const LastMessage = z.object({
  seq: z.number(),
  type: z.enum(['text', 'system']),
  /** the body cut to 200 characters */
  preview: z.string(),
  authorName: z.string().nullable(),
  createdAt: z.string(),
});

export const ConversationSummary = z.object({
  id: z.number(),
  name: z.string(),
  status: ConversationStatus,
  source: SourceRef.nullable(),
  customer: PersonRef,
  customerUser: PersonRef,
  owner: PersonRef.nullable(),
  messagesCount: z.number(),
  lastSeq: z.number(),
  lastMessage: LastMessage.nullable(),
  lastActivityAt: z.string(),
  /** unread messages for the signed-in user (0 where they take no part) */
  unreadCount: z.number(),
  lastReadSeq: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** back-office grid only: since when the customer waits for staff (their unanswered message), or null */
  awaitingStaffSince: z.string().nullable().optional(),
});
export type ConversationSummary = z.infer<typeof ConversationSummary>;

export const ConversationPage = z.object({
  items: z.array(ConversationSummary),
  /** pass as `cursor` for the next page; null on the last page */
  nextCursor: z.string().nullable(),
});

export const GridPage = z.object({
  items: z.array(ConversationSummary),
  /** exact up to 10,000; beyond that 10,000 with totalIsCapped */
  total: z.number(),
  /** more than `total` match: show "10,000+" */
  totalIsCapped: z.boolean(),
  page: z.number(),
  pageSize: z.number(),
});

export const MessagePage = z.object({
  items: z.array(Message),
  hasMoreBefore: z.boolean(),
  hasMoreAfter: z.boolean(),
});

export const ConversationWithMessage = z.object({ conversation: ConversationSummary, message: Message.nullable() });

export const StorefrontListQuery = z.object({
  status: ConversationStatus.optional(),
  recordId: Id.optional(),
  cursor: text().max(200).optional(),
  limit: wholeNumber(1, 100).default(25),
});

export const CreateConversationBody = z
  .object({
    subject: requiredText(SUBJECT_MAX),
    /** may be empty when the first message carries files */
    message: text({ error: BLANK }).trim().default(''),
    recordId: BodyId.optional(),
    /** the poster's own uploads for the first message to carry, at most 10 */
    attachmentIds: z.array(BodyId).max(100).optional(),
  })
  // run even when another field failed (a blank subject), so that a blank message is said at once too
  .refine((c) => typeof c.message !== 'string' || hasContent({ body: c.message, attachmentIds: c.attachmentIds }), {
    message: BLANK,
    path: ['message'],
    when: (payload) => typeof payload.value === 'object' && payload.value !== null,
  });

export const MessagesQuery = z.object({
  before: wholeNumber(1).optional(),
  after: wholeNumber(0).optional(),
  limit: wholeNumber(1, 100).default(40),
});

export const PostMessageFields = z.object({
  /** may be empty when the message carries files */
  body: text({ error: BLANK }).trim().default(''),
  /** back-office only: `note` writes an internal note, which customers never see */
  type: z.enum(['text', 'note']).optional(),
  /** back-office Administrators only: the participant to post as */
  onBehalfOfParticipantId: BodyId.optional(),
  /** back-office only: the back-office users named with `@`; each takes part from then on and is told */
  mentions: z.array(BodyId).max(20).optional(),
  /** the poster's own uploads (POST …/attachments) for the message to carry, at most 10 */
  attachmentIds: z.array(BodyId).max(100).optional(),
});
/** a message has words, files, or both */
export const hasContent = (m: { body: string; attachmentIds?: number[] | undefined }) =>
  m.body.length > 0 || (m.attachmentIds?.length ?? 0) > 0;
export const PostMessageBody = PostMessageFields.refine(hasContent, { message: BLANK, path: ['body'] });

export const MarkReadBody = z.object({ upToSeq: bodyNumber(0) });
export const ReadState = z.object({ lastReadSeq: z.number(), unreadCount: z.number() });

export const StorefrontUnread = z.object({
  /** unread messages over all my conversations */
  total: z.number(),
  /** conversations with at least one unread message */
  conversations: z.number(),
});

// ---------------------------------------------------------------- back-office

export const GridSort = z.enum([
  'name',
  'messagesCount',
  'source',
  'owner',
  'customer',
  'customerUser',
  'status',
  'createdAt',
  'lastMessageAt',
  /** the inbox's Waiting on us: longest waiting first with order asc */
  'waitingSince',
]);
export type GridSort = z.infer<typeof GridSort>;

const Flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

export const GridQuery = z.object({
  name: text().max(255).optional(),
  messagesMin: wholeNumber(0).optional(),
  messagesMax: wholeNumber(0).optional(),
  /** text in the source label, such as "SO-1001" or "Order" */
  source: text().max(255).optional(),
  sourceType: RecordType.optional(),
  recordId: Id.optional(),
  /** a back-office user id, or "none" for conversations without owner */
  owner: z.union([z.literal('none'), Id], { error: 'Use a back-office user id, or none.' }).optional(),
  customer: text().max(255).optional(),
  customerId: Id.optional(),
  customerUser: text().max(255).optional(),
  customerUserId: Id.optional(),
  status: ConversationStatus.optional(),
  createdFrom: DateBound.optional(),
  createdTo: DateBound.optional(),
  lastMessageFrom: DateBound.optional(),
  lastMessageTo: DateBound.optional(),
  /** My Conversations: I take part */
  mine: Flag.optional(),
  unread: Flag.optional(),
  /** Mentions: conversations where someone mentioned me */
  mentioned: Flag.optional(),
  /** Waiting on us: the last public message is the customer's, not yet answered by staff */
  waiting: Flag.optional(),
  sort: GridSort.default('lastMessageAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
  page: wholeNumber(1).default(1),
  pageSize: wholeNumber(1, 200).default(25),
});
export type GridQuery = z.infer<typeof GridQuery>;

/** Someone to add to a conversation. */
export const ParticipantChoice = z.object({
  kind: z.enum(['customer_user', 'backoffice_user'], { error: 'Choose a customer user or a back-office user.' }),
  userId: BodyId,
});
export type ParticipantChoice = z.infer<typeof ParticipantChoice>;

export const ParticipantParams = z.object({ id: Id, participantId: Id });

export const RoutingSettingsBody = z.object({ defaultOwnerId: BodyId.nullable() });

/** A colleague to add, on the storefront. */
export const AddColleagueBody = z.object({ customerUserId: bodyNumber(1, INT_MAX, BLANK) });

export const BackofficeCreateConversationBody = z.object({
  name: requiredText(SUBJECT_MAX),
  customerUserId: bodyNumber(1, INT_MAX, BLANK),
  recordId: BodyId.nullable().optional(),
  /** defaults to the signed-in user; null for none */
  ownerId: BodyId.nullable().optional(),
  /** an optional first message */
  message: text().trim().optional(),
  /** the poster's own uploads for the first message to carry (which may then have no words), at most 10 */
  attachmentIds: z.array(BodyId).max(100).optional(),
  /** more people taking part from the start (Oro's Context): staff, and customer users of the customer's tree */
  participants: z.array(ParticipantChoice).max(50).optional(),
});

export const UpdateConversationBody = z.object({
  name: requiredText(SUBJECT_MAX).optional(),
  ownerId: BodyId.nullable().optional(),
});

/** The All messages tab's filter: text in a body or an author's name, and dates such as 2026-11-27; a page at a time, after a sequence number. */
export const AllMessagesQuery = z.object({
  text: text().max(255).optional(),
  from: DateBound.optional(),
  to: DateBound.optional(),
  after: wholeNumber(0).optional(),
  limit: wholeNumber(1, 200).default(100),
});
export type AllMessagesQuery = z.infer<typeof AllMessagesQuery>;

/** A page of the All messages tab, oldest first; `nextAfter` asks for the next page (null: this was the last). */
export const AllMessagesPage = z.object({ items: z.array(Message), nextAfter: z.number().nullable() });
export type AllMessagesPage = z.infer<typeof AllMessagesPage>;

/** How many conversations a delete removed. */
export const Deleted = z.object({ deleted: z.number() });

export const DeleteManyBody = z.object({ ids: z.array(BodyId).min(1).max(500) });

export const StatusChange = z.object({
  id: z.number(),
  fromStatus: ConversationStatus,
  toStatus: ConversationStatus,
  changedBy: PersonRef,
  createdAt: z.string(),
});

export const Participant = z.object({
  id: z.number(),
  kind: z.enum(['customer_user', 'backoffice_user']),
  userId: z.number(),
  name: z.string(),
  role: z.string(),
  lastReadSeq: z.number(),
  unreadCount: z.number(),
});

/** Who takes part, as the storefront shows them (read marks are the back-office's business). */
export const StorefrontParticipant = Participant.pick({ id: true, kind: true, userId: true, name: true, role: true });

/** The customer side of those taking part; `mayChange`: whether I may add and remove colleagues here (PARLEY_STOREFRONT_PARTICIPANTS). */
export const StorefrontParticipants = z.object({ items: z.array(StorefrontParticipant), mayChange: z.boolean() });

/** A colleague the signed-in customer user may add: an Administrator's customer tree, a Buyer's own customer. */
export const Colleague = z.object({ id: z.number(), name: z.string(), role: z.string(), customer: PersonRef });
export const ColleaguesQuery = z.object({ q: text().max(255).optional() });

export const BackofficeUnread = z.object({
  /** conversations with unread messages for me */
  count: z.number(),
  latest: z.array(
    z.object({
      conversationId: z.number(),
      name: z.string(),
      /** the last message cut to 50 characters */
      preview: z.string(),
      authorName: z.string().nullable(),
      createdAt: z.string(),
      unreadCount: z.number(),
    }),
  ),
  /** Administrators only: the team's conversations waiting on staff */
  waitingOnStaff: z.number().optional(),
});

export const Customer = z.object({
  id: z.number(),
  name: z.string(),
  parent: PersonRef.nullable(),
  salesRep: PersonRef.nullable(),
  createdAt: z.string(),
});

export const CustomerUser = z.object({
  id: z.number(),
  email: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  name: z.string(),
  role: z.string(),
  customer: PersonRef,
  deleted: z.boolean(),
  createdAt: z.string(),
});

export const BackofficeUser = z.object({ id: z.number(), email: z.string(), name: z.string(), role: z.string() });

export const SearchQuery = z.object({
  q: text().max(255).optional(),
  customerId: Id.optional(),
  /** customer users: those of the whole tree this customer belongs to (its topmost parent and everything below) */
  customerTreeOf: Id.optional(),
  customerUserId: Id.optional(),
  type: RecordType.optional(),
  limit: wholeNumber(1, 200).default(50),
  offset: wholeNumber(0).default(0),
});

export const ListOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), total: z.number() });

/** Close, Reopen or Assign several conversations from the grid: each one on its own, as if done singly. */
export const BulkActionBody = z
  .object({
    action: z.enum(['close', 'reopen', 'assign'], { error: 'Use close, reopen or assign.' }),
    ids: z.array(BodyId).min(1, 'Choose at least one conversation.').max(100, 'Choose at most 100 conversations at a time.'),
    /** assign: the new owner */
    ownerId: BodyId.optional(),
  })
  .refine((b) => b.action !== 'assign' || b.ownerId !== undefined, { message: 'Choose an owner.', path: ['ownerId'] });
export type BulkActionBody = z.infer<typeof BulkActionBody>;

/** How each conversation of a bulk action ended: changed, or the error a single change would have answered. */
export const BulkActionResult = z.object({
  succeeded: z.number(),
  failed: z.number(),
  results: z.array(
    z.object({
      id: z.number(),
      ok: z.boolean(),
      error: z.object({ code: z.string(), message: z.string() }).optional(),
    }),
  ),
});
export type BulkActionResult = z.infer<typeof BulkActionResult>;
