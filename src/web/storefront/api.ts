// The storefront's calls to /api, typed with the shared shapes.
import type { CommerceRecord, ConversationSummary, Message, RecordType, SessionResponse } from '../../shared/api';
import { createApiClient } from '../ui/api';

export const api = createApiClient('/api');

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
export interface MessagePage {
  items: Message[];
  hasMoreBefore: boolean;
  hasMoreAfter: boolean;
}
export interface Unread {
  total: number;
  conversations: number;
}

/** URL segment of each record type: /orders, /rfqs, /quotes. */
export const recordPath: Record<RecordType, string> = { order: 'orders', rfq: 'rfqs', quote: 'quotes' };

export const storefront = {
  session: () => api.get<SessionResponse>('/session'),
  signIn: (email: string, password: string) => api.send<SessionResponse>('POST', '/session', { email, password }),
  signOut: () => api.send<void>('DELETE', '/session'),

  conversations: (query: { cursor?: string | null; recordId?: number; limit?: number } = {}) => {
    const q = new URLSearchParams({ limit: String(query.limit ?? 25) });
    if (query.cursor) q.set('cursor', query.cursor);
    if (query.recordId) q.set('recordId', String(query.recordId));
    return api.get<Page<ConversationSummary>>(`/conversations?${q}`);
  },
  conversation: (id: number) => api.get<ConversationSummary>(`/conversations/${id}`),
  createConversation: (body: { subject: string; message: string; recordId?: number }, idempotencyKey: string) =>
    api.send<{ conversation: ConversationSummary; message: Message | null }>('POST', '/conversations', body, {
      'idempotency-key': idempotencyKey,
    }),
  messages: (id: number, page: { before?: number; after?: number } = {}) => {
    const q = new URLSearchParams({ limit: '40' });
    if (page.before !== undefined) q.set('before', String(page.before));
    if (page.after !== undefined) q.set('after', String(page.after));
    return api.get<MessagePage>(`/conversations/${id}/messages?${q}`);
  },
  postMessage: (id: number, body: string, idempotencyKey: string) =>
    api.send<Message>('POST', `/conversations/${id}/messages`, { body }, { 'idempotency-key': idempotencyKey }),
  markRead: (id: number, upToSeq: number) =>
    api.send<{ lastReadSeq: number; unreadCount: number }>('POST', `/conversations/${id}/read`, { upToSeq }),
  unread: () => api.get<Unread>('/unread'),

  records: (type: RecordType, offset = 0, limit = 25) =>
    api.get<{ items: CommerceRecord[]; total: number }>(`/${recordPath[type]}?limit=${limit}&offset=${offset}`),
  record: (type: RecordType, id: number) => api.get<CommerceRecord>(`/${recordPath[type]}/${id}`),
  recordConversations: (type: RecordType, id: number) =>
    api.get<Page<ConversationSummary>>(`/${recordPath[type]}/${id}/conversations?limit=10`),
};

/** A fresh key per user action, so a retried request is applied once. */
export function newIdempotencyKey(): string {
  // randomUUID exists only in secure contexts; getRandomValues everywhere
  if (typeof crypto.randomUUID === 'function' && window.isSecureContext) return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}
