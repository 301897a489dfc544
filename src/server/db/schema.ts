import type { Generated, Selectable } from 'kysely';

// Times are ISO-8601 UTC strings with milliseconds ("2026-11-27T16:40:43.123Z"):
// they sort as text and read the same on SQLite and PostgreSQL.

export type CustomerUserRole = 'buyer' | 'administrator';
export type BackofficeUserRole = 'sales_manager' | 'administrator';
export type RecordType = 'order' | 'rfq' | 'quote';
export type ConversationStatus = 'active' | 'closed';
export type MessageType = 'text' | 'system';
export type SessionSide = 'storefront' | 'backoffice';

export interface CustomerTable {
  id: Generated<number>;
  name: string;
  parent_id: number | null;
  sales_rep_id: number | null;
  created_at: string;
}

export interface CustomerUserTable {
  id: Generated<number>;
  customer_id: number;
  email: string;
  first_name: string;
  last_name: string;
  role: CustomerUserRole;
  password_hash: string;
  deleted_at: string | null;
  created_at: string;
}

export interface BackofficeUserTable {
  id: Generated<number>;
  email: string;
  first_name: string;
  last_name: string;
  role: BackofficeUserRole;
  password_hash: string;
  created_at: string;
}

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
}

export interface ConversationTable {
  id: Generated<number>;
  name: string;
  status: ConversationStatus;
  customer_id: number;
  customer_user_id: number;
  owner_id: number | null;
  source_record_id: number | null;
  /** text messages only: what the grid's Messages column shows */
  messages_count: number;
  /** highest message sequence number, system messages included */
  last_seq: number;
  last_activity_at: string;
  created_at: string;
  updated_at: string;
}

export interface ParticipantTable {
  id: Generated<number>;
  conversation_id: number;
  customer_user_id: number | null;
  backoffice_user_id: number | null;
  last_read_seq: number;
  /** kept in step with the messages after last_read_seq not written by this participant */
  unread_count: number;
  created_at: string;
}

export interface MessageTable {
  id: Generated<number>;
  conversation_id: number;
  seq: number;
  type: MessageType;
  body: string;
  author_participant_id: number | null;
  /** set when a back-office Administrator posted on behalf of the author */
  sent_by_backoffice_user_id: number | null;
  created_at: string;
}

export interface StatusChangeTable {
  id: Generated<number>;
  conversation_id: number;
  from_status: ConversationStatus;
  to_status: ConversationStatus;
  changed_by_backoffice_user_id: number;
  created_at: string;
}

export interface SessionTable {
  /** sha-256 of the cookie's token, so a database read does not hand out sessions */
  id: string;
  side: SessionSide;
  user_id: number;
  csrf_token: string;
  created_at: string;
  expires_at: string;
}

export interface EventTable {
  id: Generated<number>;
  type: string;
  conversation_id: number | null;
  customer_id: number | null;
  customer_user_id: number | null;
  payload: string;
  created_at: string;
}

export interface IdempotencyKeyTable {
  scope: string;
  key: string;
  request_hash: string;
  status_code: number;
  response: string;
  created_at: string;
}

export interface DB {
  customers: CustomerTable;
  customer_users: CustomerUserTable;
  backoffice_users: BackofficeUserTable;
  commerce_records: CommerceRecordTable;
  conversations: ConversationTable;
  participants: ParticipantTable;
  messages: MessageTable;
  status_changes: StatusChangeTable;
  sessions: SessionTable;
  events: EventTable;
  idempotency_keys: IdempotencyKeyTable;
}

export type CustomerUserRow = Selectable<CustomerUserTable>;
export type BackofficeUserRow = Selectable<BackofficeUserTable>;
export type CommerceRecordRow = Selectable<CommerceRecordTable>;
export type ConversationRow = Selectable<ConversationTable>;
export type ParticipantRow = Selectable<ParticipantTable>;
export type MessageRow = Selectable<MessageTable>;
