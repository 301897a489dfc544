import type { Generated, Selectable } from 'kysely';

/** A store's service token: not a person's; its secret is kept only as a SHA-256 hash. */
export interface ServiceTokenTable {
  id: Generated<number>;
  label: string;
  /** space-separated scopes, e.g. "directory:write records:write" */
  scopes: string;
  /** hex SHA-256 of the whole secret */
  secret_hash: string;
  /** the secret's first characters, shown to recognise it */
  prefix: string;
  created_by_backoffice_user_id: number | null;
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
}

export type ServiceTokenRow = Selectable<ServiceTokenTable>;

declare module '../db/schema' {
  interface DB {
    service_tokens: ServiceTokenTable;
  }
}
