import type { Generated } from 'kysely';
import type { RecordType } from '../../shared/api';

/** Parley's light copy of the store's orders, RFQs and quotes. */
export interface CommerceRecordTable {
  id: Generated<number>;
  type: RecordType;
  number: string;
  customer_id: number;
  customer_user_id: number;
  status: string;
  total: string;
  currency: string;
  created_at: string;
  updated_at: string;
  /** set when deleted: kept until its conversations let go of it, never shown */
  deleted_at: string | null;
  /** the store's id (sync API), unique per type; null for rows made in Parley */
  external_id: string | null;
  /** the lines as the store sent them (JSON: sku, name, quantity, price), or null */
  lines: string | null;
}

declare module '../db/schema' {
  interface DB {
    commerce_records: CommerceRecordTable;
  }
}
