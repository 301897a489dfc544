// Full-text search's shapes, for both APIs and both web apps.
import { z } from 'zod';
import { ConversationStatus, Id, RecordType } from './api';
import { DateBound, text, tooLongMessage, wholeNumber } from './input';

/** A query's longest form: more is refused with VALIDATION_FAILED (a query is typed, not pasted). */
export const SEARCH_QUERY_MAX = 500;
export const SEARCH_LIMIT_DEFAULT = 20;
/** The back-office's totals are exact up to this many hits, like the grid's; past it the answer says "more than". */
export const SEARCH_TOTAL_CAP = 10_000;
/** The back-office ranks the newest this many hits of each kind (messages, conversation names, file names); its pages go as far. */
export const SEARCH_WINDOW = 1_000;
/**
 * The storefront's search box ranks the newest this many hits of each kind
 * and counts them exactly up to as many ("More than 100 results"): it shows
 * the best twenty as the customer types, and its cost then stays the same
 * however many of a customer's messages a common word finds (a second pass
 * over the index to count further grew with them). Each hit of the window
 * costs a seek through the words' lists, longer as the store's data grows:
 * at 2,000,000 messages a Buyer's query took 2.6 ms of SQL with 250 and 1.7
 * ms with 100 (1.6 and 1.1 ms at 200,000).
 */
export const STOREFRONT_SEARCH_WINDOW = 100;

const searchText = text().max(SEARCH_QUERY_MAX, tooLongMessage(SEARCH_QUERY_MAX));

const common = {
  status: ConversationStatus.optional(),
  /** the nextCursor of the previous page */
  cursor: text().max(200).optional(),
  limit: wholeNumber(1, 50).default(SEARCH_LIMIT_DEFAULT),
};

/** The storefront's search: words (each a prefix), "quoted phrases"; within what the user may see. */
export const StorefrontSearchQuery = z.object({ q: searchText, ...common });
export type StorefrontSearchQuery = z.infer<typeof StorefrontSearchQuery>;

/** The back-office's Search page: the words are optional when a filter narrows the messages. */
export const BackofficeSearchQuery = z.object({
  q: searchText.optional(),
  ...common,
  /** with its sub-customers */
  customerId: Id.optional(),
  customerUserId: Id.optional(),
  ownerId: Id.optional(),
  sourceType: RecordType.optional(),
  sourceNumber: text().max(255).optional(),
  /** messages written by back-office users, or by customer users (conversation names match neither) */
  authorSide: z.enum(['staff', 'customer']).optional(),
  from: DateBound.optional(),
  to: DateBound.optional(),
  /** only messages that carry a file; `true` or absent */
  hasAttachment: z
    .enum(['true'])
    .transform(() => true)
    .optional(),
});
export type BackofficeSearchQuery = z.infer<typeof BackofficeSearchQuery>;

/** Part of an excerpt: plain text (never HTML), `match` where a word of the query matched. */
export const SnippetPart = z.object({ text: z.string(), match: z.boolean() });
export type SnippetPart = z.infer<typeof SnippetPart>;

export const SearchHit = z.object({
  /** a message's body or the name of a file it carries matched, or a conversation's name */
  kind: z.enum(['message', 'conversation']),
  conversation: z.object({ id: z.number(), name: z.string(), status: ConversationStatus, customerName: z.string() }),
  message: z.object({ id: z.number(), seq: z.number(), type: z.string(), author: z.string().nullable(), createdAt: z.string() }).nullable(),
  /** of the body, or of the name */
  snippet: z.array(SnippetPart),
  /** the message's time, or the conversation's last activity */
  at: z.string(),
});
export type SearchHit = z.infer<typeof SearchHit>;

export const SearchPage = z.object({
  items: z.array(SearchHit),
  /** every hit the user may see, counted up to 10,000 */
  total: z.number(),
  /** false: there are more than `total` */
  totalExact: z.boolean(),
  nextCursor: z.string().nullable(),
});
export type SearchPage = z.infer<typeof SearchPage>;
