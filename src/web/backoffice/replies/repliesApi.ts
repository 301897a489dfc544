// The back-office's calls to /admin/api/saved-replies, typed from src/shared/replies.ts.
import type { FilledReply, SavedReply, SavedReplyBody, UpdateSavedReplyBody } from '../../../shared/replies';
import { api } from '../api';
import { queryString } from '../../ui/api';

export type { FilledReply, SavedReply } from '../../../shared/replies';

export const replies = {
  list: (q?: string) => api.get<{ items: SavedReply[] }>(`/saved-replies${queryString(q ? { q } : {})}`),
  create: (body: SavedReplyBody) => api.send<SavedReply>('POST', '/saved-replies', body),
  update: (id: number, patch: UpdateSavedReplyBody) => api.send<SavedReply>('PATCH', `/saved-replies/${id}`, patch),
  remove: (id: number) => api.send<void>('DELETE', `/saved-replies/${id}`),
  filled: (id: number, conversationId: number) => api.get<FilledReply>(`/saved-replies/${id}/filled${queryString({ conversationId })}`),
};
