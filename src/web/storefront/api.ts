// The storefront's calls to /api, one typed function each, with the shapes
// of src/shared/api.ts; components call these and never write a path.
import type { z } from 'zod';
import type {
  Colleague as ColleagueSchema,
  CommerceRecord,
  ConversationSummary,
  Message,
  RecordType,
  SessionCheck,
  SessionResponse,
  StorefrontParticipants as StorefrontParticipantsSchema,
} from '../../shared/api';
import type { SignInOptions } from '../../shared/handoff';
import type { NotificationPreferences } from '../../shared/mail';
import type { SearchPage } from '../../shared/search';
import { createApiClient, queryString } from '../ui/api';
import type {
  ConversationPage,
  ConversationWithMessage,
  CreateConversationBody,
  ListOf,
  MessagePage,
  MessagesQuery,
  ReadState,
  StorefrontUnread,
} from '../ui/apiTypes';
import { recordSegment } from '../ui/recordPaths';

const api = createApiClient('/api');

export type Colleague = z.infer<typeof ColleagueSchema>;
export type StorefrontParticipants = z.infer<typeof StorefrontParticipantsSchema>;

/** For the session alone: the CSRF token it hands out, and what to do when it ends. */
export const { setCsrfToken, whenSessionEnds } = api;
/** For uploads and file links (the composer's attachments). */
export const storefrontClient = api;

export const storefront = {
  session: () => api.get<SessionResponse>('/session'),
  /** who is signed in, if anyone: a 200 either way, so a signed-out visit logs no failed request */
  sessionCheck: () => api.get<SessionCheck>('/session/check'),
  signIn: (email: string, password: string) => api.send<SessionResponse>('POST', '/session', { email, password }),
  signOut: () => api.send<void>('DELETE', '/session'),
  signInOptions: () => api.get<SignInOptions>('/sign-in/options'),
  forgotPassword: (email: string) => api.send<{ delivered: boolean }>('POST', '/password/forgot', { email }),
  resetPassword: (token: string, password: string) => api.send<void>('POST', '/password/reset', { token, password }),
  changePassword: (currentPassword: string, newPassword: string) =>
    api.send<void>('POST', '/account/password', { currentPassword, newPassword }),
  signOutEverywhere: () => api.send<void>('POST', '/session/everywhere'),
  recordByExternalId: (type: RecordType, externalId: string) =>
    api.get<CommerceRecord>(`/${recordSegment[type]}/external/${encodeURIComponent(externalId)}`),
  preferences: () => api.get<NotificationPreferences>('/notification-preferences'),
  savePreferences: (changes: Partial<NotificationPreferences>) =>
    api.send<NotificationPreferences>('PATCH', '/notification-preferences', changes),

  conversations: (query: { cursor?: string | null; recordId?: number; limit?: number; status?: 'active' | 'closed' | undefined } = {}) =>
    api.get<ConversationPage>(`/conversations${queryString({ limit: 25, ...query })}`),
  conversation: (id: number) => api.get<ConversationSummary>(`/conversations/${id}`),
  createConversation: (body: CreateConversationBody, idempotencyKey: string) =>
    api.send<ConversationWithMessage>('POST', '/conversations', body, { 'idempotency-key': idempotencyKey }),
  messages: (id: number, page: MessagesQuery = {}) =>
    api.get<MessagePage>(`/conversations/${id}/messages${queryString({ limit: 40, ...page })}`),
  postMessage: (id: number, body: string, idempotencyKey: string, attachmentIds: number[] = []) =>
    api.send<Message>('POST', `/conversations/${id}/messages`, attachmentIds.length ? { body, attachmentIds } : { body }, {
      'idempotency-key': idempotencyKey,
    }),
  markRead: (id: number, upToSeq: number) => api.send<ReadState>('POST', `/conversations/${id}/read`, { upToSeq }),
  unread: () => api.get<StorefrontUnread>('/unread'),
  /** colleagues taking part, and whether I may add or take out any (PARLEY_STOREFRONT_PARTICIPANTS) */
  participants: (id: number) => api.get<StorefrontParticipants>(`/conversations/${id}/participants`),
  addColleague: (id: number, customerUserId: number) =>
    api.send<StorefrontParticipants>('POST', `/conversations/${id}/participants`, { customerUserId }),
  removeColleague: (id: number, participantId: number) =>
    api.send<StorefrontParticipants>('DELETE', `/conversations/${id}/participants/${participantId}`),
  colleagues: (q: string) => api.get<{ items: Colleague[] }>(`/colleagues${queryString(q ? { q } : {})}`),
  search: (query: { q: string; status?: 'active' | 'closed' | undefined }) => api.get<SearchPage>(`/search${queryString(query)}`),

  records: (type: RecordType, offset = 0, limit = 25) =>
    api.get<ListOf<CommerceRecord>>(`/${recordSegment[type]}${queryString({ limit, offset })}`),
  record: (type: RecordType, id: number) => api.get<CommerceRecord>(`/${recordSegment[type]}/${id}`),
  recordConversations: (type: RecordType, id: number) => api.get<ConversationPage>(`/${recordSegment[type]}/${id}/conversations?limit=10`),
};

/** A fresh key per user action, so a retried request is applied once. */
export function newIdempotencyKey(): string {
  // randomUUID exists only in secure contexts; getRandomValues everywhere
  if (typeof crypto.randomUUID === 'function' && window.isSecureContext) return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}
