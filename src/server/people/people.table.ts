import type { Generated } from 'kysely';
import type { BackofficeUserRole, CustomerUserRole } from '../kernel/actor';

// The people: customers (buying companies, in a tree), their customer users,
// and the seller's back-office users. This module is their tables' one owner.

export interface CustomerTable {
  id: Generated<number>;
  name: string;
  parent_id: number | null;
  sales_rep_id: number | null;
  created_at: string;
  /** the store's id (sync API); null for rows made in Parley */
  external_id: string | null;
  /** the last change through the sync API (null for rows it never changed) */
  updated_at: string | null;
}

export interface CustomerUserTable {
  id: Generated<number>;
  customer_id: number;
  email: string;
  first_name: string;
  last_name: string;
  role: CustomerUserRole;
  password_hash: string;
  /** set when deleted: the row stays (messages point at it), who they were is forgotten */
  deleted_at: string | null;
  created_at: string;
  external_id: string | null;
  updated_at: string | null;
}

export interface BackofficeUserTable {
  id: Generated<number>;
  email: string;
  first_name: string;
  last_name: string;
  role: BackofficeUserRole;
  password_hash: string;
  created_at: string;
  external_id: string | null;
  updated_at: string | null;
  /** set while deactivated: they cannot sign in, and their sessions no longer resolve */
  deactivated_at: string | null;
}

declare module '../db/schema' {
  interface DB {
    customers: CustomerTable;
    customer_users: CustomerUserTable;
    backoffice_users: BackofficeUserTable;
  }
}
