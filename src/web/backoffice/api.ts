// The back-office's calls to /admin/api, one typed function each, with the
// shapes of src/shared/api.ts; components call these and never write a path.
import type { z } from 'zod';
import type {
  AllMessagesPage,
  AllMessagesQuery,
  BulkActionBody,
  BulkActionResult,
  CommerceRecord,
  ConversationSummary,
  Deleted,
  GridQuery,
  Message,
  ParticipantChoice,
  SessionCheck,
  SessionResponse,
} from '../../shared/api';
import type { InviteStaffBody, PasswordLink, StaffUser, UpdateStaffBody } from '../../shared/accounts';
import type { HandoffSettings, HandoffSettingsBody } from '../../shared/handoff';
import type { CreateTokenBody, ServiceToken, ServiceTokenWithSecret } from '../../shared/integration';
import type { SearchPage } from '../../shared/search';
import { createApiClient, queryString } from '../ui/api';
import type {
  BackofficeCreateConversationBody,
  BackofficeUnread,
  BackofficeUser,
  ConversationWithMessage,
  Customer,
  CustomerUser,
  GridPage,
  ListOf,
  MessagePage,
  MessagesQuery,
  Participant,
  PostMessageBody,
  ReadState,
  SearchQuery,
  UpdateConversationBody,
} from '../ui/apiTypes';

export type { BackofficeUnread, BackofficeUser, Customer, CustomerUser, ListOf, Participant, SearchQuery } from '../ui/apiTypes';

/** A grid query as the URL carries it: GridQuery's keys, each value in its own type or as the text the server parses. */
export type GridQueryParams = { [K in keyof GridQuery]?: GridQuery[K] | string };

/** The All messages tab's filter. */
export type AllMessagesFilter = Omit<AllMessagesQuery, 'limit'> & { limit?: number };

export const api = createApiClient('/admin/api');

/** For the session alone: the CSRF token it hands out, and what to do when it ends (a 401 anywhere but /session). */
export const { setCsrfToken, whenSessionEnds } = api;

const conversationUrl = (id: number) => `/conversations/${id}`;

export const backoffice = {
  /** who is signed in, if anyone: a 200 either way, so the browser logs no failed request on load */
  sessionCheck: () => api.get<SessionCheck>('/session/check'),
  signIn: (email: string, password: string) => api.send<SessionResponse>('POST', '/session', { email, password }),
  signOut: () => api.send<void>('DELETE', '/session'),
  /** the header indicator */
  unread: () => api.get<BackofficeUnread>('/unread'),
  /** back-office users, the choices for Owner */
  users: () => api.get<{ items: BackofficeUser[] }>('/users'),

  conversations: (query: GridQueryParams) => api.get<GridPage>(`/conversations${queryString(query)}`),
  conversation: (id: number) => api.get<ConversationSummary>(conversationUrl(id)),
  createConversation: (body: BackofficeCreateConversationBody) => api.send<ConversationWithMessage>('POST', '/conversations', body),
  updateConversation: (id: number, patch: UpdateConversationBody) => api.send<ConversationSummary>('PATCH', conversationUrl(id), patch),
  changeStatus: (id: number, action: 'close' | 'reopen') => api.send<ConversationSummary>('POST', `${conversationUrl(id)}/${action}`),
  deleteConversation: (id: number) => api.send<z.infer<typeof Deleted>>('DELETE', conversationUrl(id)),
  deleteConversations: (ids: number[]) => api.send<z.infer<typeof Deleted>>('POST', '/conversations/delete', { ids }),
  /** bulk Close, Reopen or Assign: each conversation on its own, each result reported */
  bulkChange: (body: BulkActionBody) => api.send<BulkActionResult>('POST', '/conversations/bulk', body),
  markRead: (id: number, upToSeq: number) => api.send<ReadState>('POST', `${conversationUrl(id)}/read`, { upToSeq }),
  participants: (id: number) => api.get<{ items: Participant[] }>(`${conversationUrl(id)}/participants`),
  addParticipant: (id: number, who: ParticipantChoice) =>
    api.send<{ items: Participant[] }>('POST', `${conversationUrl(id)}/participants`, who),
  removeParticipant: (id: number, participantId: number) =>
    api.send<{ items: Participant[] }>('DELETE', `${conversationUrl(id)}/participants/${participantId}`),
  messages: (id: number, page: MessagesQuery) => api.get<MessagePage>(`${conversationUrl(id)}/messages${queryString(page)}`),
  allMessages: (id: number, filter: AllMessagesFilter) =>
    api.get<AllMessagesPage>(`${conversationUrl(id)}/all-messages${queryString(filter)}`),
  postMessage: (id: number, body: PostMessageBody) => api.send<Message>('POST', `${conversationUrl(id)}/messages`, body),

  customers: (query: SearchQuery) => api.get<ListOf<Customer>>(`/customers${queryString(query)}`),
  customer: (id: number) => api.get<Customer>(`/customers/${id}`),
  customerUsers: (query: SearchQuery) => api.get<ListOf<CustomerUser>>(`/customer-users${queryString(query)}`),
  customerUser: (id: number) => api.get<CustomerUser>(`/customer-users/${id}`),
  records: (query: SearchQuery) => api.get<ListOf<CommerceRecord>>(`/records${queryString(query)}`),
  record: (id: number) => api.get<CommerceRecord>(`/records/${id}`),
  /** the Search page and the header's search: the query string as the Search page's URL has it */
  search: (query: string) => api.get<SearchPage>(`/search?${query}`),

  /** Settings > Routing: the default owner */
  routing: () => api.get<{ defaultOwner: { id: number; name: string } | null }>('/settings/routing'),
  setRouting: (body: { defaultOwnerId: number | null }) =>
    api.send<{ defaultOwner: { id: number; name: string } | null }>('PATCH', '/settings/routing', body),

  /** Settings > Integrations (Administrators) */
  tokens: () => api.get<{ items: ServiceToken[] }>('/integrations/tokens'),
  createToken: (body: CreateTokenBody) => api.send<ServiceTokenWithSecret>('POST', '/integrations/tokens', body),
  rotateToken: (id: number) => api.send<ServiceTokenWithSecret>('POST', `/integrations/tokens/${id}/rotate`),
  revokeToken: (id: number) => api.send<ServiceToken>('POST', `/integrations/tokens/${id}/revoke`),
  handoff: () => api.get<HandoffSettings>('/integrations/handoff'),
  saveHandoff: (body: HandoffSettingsBody) => api.send<HandoffSettings>('PUT', '/integrations/handoff', body),
  setHandoffSecret: (secret?: string) =>
    api.send<{ secret: string; settings: HandoffSettings }>('POST', '/integrations/handoff/secret', secret ? { secret } : {}),

  staff: () => api.get<{ items: StaffUser[] }>('/staff'),
  inviteStaff: (body: InviteStaffBody) => api.send<{ user: StaffUser; link: PasswordLink }>('POST', '/staff', body),
  updateStaff: (id: number, change: UpdateStaffBody) => api.send<StaffUser>('PATCH', `/staff/${id}`, change),
  staffPasswordReset: (id: number) => api.send<PasswordLink>('POST', `/staff/${id}/password-reset`),
  resetPassword: (token: string, password: string) => api.send<void>('POST', '/password/reset', { token, password }),
  changePassword: (currentPassword: string, newPassword: string) =>
    api.send<void>('POST', '/account/password', { currentPassword, newPassword }),
  signOutEverywhere: () => api.send<void>('POST', '/session/everywhere'),
};
