export type SessionSide = 'storefront' | 'backoffice';

export interface SessionTable {
  /** sha-256 of the cookie's token, so a database read does not hand out sessions */
  id: string;
  side: SessionSide;
  user_id: number;
  csrf_token: string;
  created_at: string;
  expires_at: string;
}

declare module '../db/schema' {
  interface DB {
    sessions: SessionTable;
  }
}
