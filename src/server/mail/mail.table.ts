import type { Generated, Selectable } from 'kysely';

export type MailState = 'pending' | 'sent' | 'kept' | 'failed';

/**
 * Every mail Parley sends, from the moment it is decided until the SMTP
 * server took it (sent), it was given up (failed), or, with no SMTP server
 * configured, it is kept here for an Administrator to read (kept).
 */
export interface MailOutboxTable {
  id: Generated<number>;
  /** what made it, unique: a repeated run of whatever queued it adds nothing */
  dedupe_key: string | null;
  kind: string;
  to_address: string;
  subject: string;
  text: string;
  html: string;
  /** JSON object of further headers (Reply-To, List-Unsubscribe, In-Reply-To, References…) */
  headers: string;
  /** the Message-ID header, without its angle brackets */
  message_id: string;
  state: MailState;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  claimed_by: string | null;
  claimed_until: string | null;
  sent_at: string | null;
  created_at: string;
  updated_at: string;
}

/** The key that signs reply and unsubscribe tokens: made once, at migration, shared by every instance. */
export interface MailKeyTable {
  id: Generated<number>;
  secret: string;
  created_at: string;
}

export type MailRow = Selectable<MailOutboxTable>;

declare module '../db/schema' {
  interface DB {
    mail_outbox: MailOutboxTable;
    mail_keys: MailKeyTable;
  }
}
