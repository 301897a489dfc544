import type { HandoffMethod } from '../../shared/handoff';

/** How the store hands its signed-in customers over: one row (id 1). */
export interface HandoffSettingsTable {
  id: number;
  method: HandoffMethod;
  audience: string;
  jwks_url: string | null;
  /** HS256's shared secret: kept as is, since checking a signature needs it (like a webhook endpoint's secret) */
  secret: string | null;
  store_url: string | null;
  updated_at: string | null;
}

/** The jti of every handoff token used, until it would have expired anyway: each opens one session. */
export interface HandoffJtiTable {
  jti: string;
  expires_at: string;
}

declare module '../db/schema' {
  interface DB {
    handoff_settings: HandoffSettingsTable;
    handoff_jtis: HandoffJtiTable;
  }
}
