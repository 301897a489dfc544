// The back-office's calls for email: the outbox (Administrators) and my preferences.
import type { NotificationPreferences, OutboxMailDetail, OutboxPage } from '../../../shared/mail';
import type { PreferencesApi } from '../../ui/EmailPreferencesForm';
import { api } from '../api';

export const outboxPath = '/admin/settings/email/outbox';
export const emailPreferencesPath = '/admin/settings/email/preferences';

export const outboxApi = {
  list: (before?: number) => api.get<OutboxPage>(`/mail/outbox${before ? `?before=${before}` : ''}`),
  get: (id: number) => api.get<OutboxMailDetail>(`/mail/outbox/${id}`),
};

export const preferencesApi: PreferencesApi = {
  get: () => api.get<NotificationPreferences>('/notification-preferences'),
  save: (changes) => api.send<NotificationPreferences>('PATCH', '/notification-preferences', changes),
};
