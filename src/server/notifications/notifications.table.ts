import type { Selectable } from 'kysely';

/**
 * Per participant: what has been mailed to them, and whether a mail is
 * waiting. The consumer sets `since_at` (the first message not mailed yet);
 * the sender mails once `since_at` is older than the delay, unless it was
 * read meanwhile, and moves `notified_seq` on in the same transaction as it
 * queues the mail.
 */
export interface NotificationWatchTable {
  participant_id: number;
  conversation_id: number;
  /** messages up to this seq were mailed (or read) already */
  notified_seq: number;
  /** when the oldest message not mailed yet was written; null: nothing waits */
  since_at: string | null;
  updated_at: string;
}

export type NewMessagesPreference = 'delay' | 'digest' | 'never';

/** A user's choices; no row means the defaults (after the delay, assigned, status changes all on). */
export interface NotificationPreferenceTable {
  user_kind: 'customer_user' | 'backoffice_user';
  user_id: number;
  new_messages: NewMessagesPreference;
  /** 1 or 0 */
  assigned: number;
  status_changes: number;
  /** when the last daily digest was settled (ISO time; one a UTC day), sent or not for want of activity */
  digest_sent_on: string | null;
  /** the daily digest lists activity after this (the server's time when the last one was settled) */
  digest_since: string | null;
  updated_at: string;
}

export type WatchRow = Selectable<NotificationWatchTable>;
export type PreferenceRow = Selectable<NotificationPreferenceTable>;

declare module '../db/schema' {
  interface DB {
    notification_watches: NotificationWatchTable;
    notification_preferences: NotificationPreferenceTable;
  }
}
