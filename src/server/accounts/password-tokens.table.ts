import type { SessionSide } from './sessions.table';

/** A set-password (invitation) or reset link's token: random, kept as its SHA-256, used once, expiring. */
export interface PasswordTokenTable {
  /** sha-256 of the token in the link */
  id: string;
  side: SessionSide;
  user_id: number;
  purpose: 'invite' | 'reset';
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

declare module '../db/schema' {
  interface DB {
    password_tokens: PasswordTokenTable;
  }
}
