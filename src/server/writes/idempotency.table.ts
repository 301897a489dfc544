/** The first answer to each Idempotency-Key, kept with the write it made. */
export interface IdempotencyKeyTable {
  scope: string;
  key: string;
  request_hash: string;
  status_code: number;
  response: string;
  created_at: string;
}

declare module '../db/schema' {
  interface DB {
    idempotency_keys: IdempotencyKeyTable;
  }
}
