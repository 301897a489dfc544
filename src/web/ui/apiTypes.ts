// The API's shapes as the web apps type them: inferred from the zod schemas
// the server validates with (src/shared/api.ts), so the two cannot drift.
// Shapes that src/shared exports as types already (ConversationSummary,
// Message, CommerceRecord, SessionResponse, GridQuery…) are used from there.
import type { z } from 'zod';
import type * as shapes from '../../shared/api';

export type ConversationPage = z.infer<typeof shapes.ConversationPage>;
export type MessagePage = z.infer<typeof shapes.MessagePage>;
export type MessagesQuery = Partial<z.infer<typeof shapes.MessagesQuery>>;
export type ConversationWithMessage = z.infer<typeof shapes.ConversationWithMessage>;
export type ReadState = z.infer<typeof shapes.ReadState>;
export type StorefrontUnread = z.infer<typeof shapes.StorefrontUnread>;
export type CreateConversationBody = z.infer<typeof shapes.CreateConversationBody>;

export type GridPage = z.infer<typeof shapes.GridPage>;
export type BackofficeCreateConversationBody = z.infer<typeof shapes.BackofficeCreateConversationBody>;
export type UpdateConversationBody = z.infer<typeof shapes.UpdateConversationBody>;
export type PostMessageBody = z.infer<typeof shapes.PostMessageBody>;
export type Participant = z.infer<typeof shapes.Participant>;
export type BackofficeUnread = z.infer<typeof shapes.BackofficeUnread>;
export type BackofficeUser = z.infer<typeof shapes.BackofficeUser>;
export type Customer = z.infer<typeof shapes.Customer>;
export type CustomerUser = z.infer<typeof shapes.CustomerUser>;
export type SearchQuery = Partial<z.infer<typeof shapes.SearchQuery>>;

/** A list with its total, as `ListOf(item)` answers. */
export type ListOf<T> = { items: T[]; total: number };
