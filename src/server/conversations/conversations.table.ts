import type { Generated, Selectable } from 'kysely';
import type { ConversationStatus } from '../../shared/api';

export type { ConversationStatus } from '../../shared/api';
/** `note`: an internal note, for back-office users only */
export type MessageType = 'text' | 'system' | 'note';

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
  /** the last message customers may see (notes excluded): their lastSeq and last message preview */
  last_public_seq: number;
  /** the last text message (0: none yet): list previews show it, not the status lines after it */
  last_text_seq: number;
  last_activity_at: string;
  created_at: string;
  updated_at: string;
  /** when the customer's first public message not yet answered by staff was written; null: not waiting on staff */
  awaiting_staff_since: Generated<string | null>;
}

export interface ParticipantTable {
  id: Generated<number>;
  conversation_id: number;
  customer_user_id: number | null;
  backoffice_user_id: number | null;
  last_read_seq: number;
  /** kept in step with the messages after last_read_seq not written by this participant */
  unread_count: number;
  /** 1: a customer user taking part in another customer user's conversation (added, or an Administrator who wrote) */
  guest: Generated<number>;
  /** set when someone removed them: they keep authorship of what they wrote, and take no part */
  removed_at: string | null;
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

/** Settings of the conversations (Settings > Routing), one row per name. */
export interface ConversationSettingTable {
  name: string;
  value: string | null;
  updated_at: string;
}

export type ConversationRow = Selectable<ConversationTable>;
export type ParticipantRow = Selectable<ParticipantTable>;

declare module '../db/schema' {
  interface DB {
    conversations: ConversationTable;
    participants: ParticipantTable;
    messages: MessageTable;
    status_changes: StatusChangeTable;
    conversation_settings: ConversationSettingTable;
  }
}
