import { recordLabel, type ConversationSummary, type Message, type RecordType, type SourceRef } from '../../shared/api';
import { customerUserName, initialsOf, personName } from '../people';
import type { ConversationQueryRow } from './conversations.repo';
import type { MessageQueryRow } from './messages.repo';

export function sourceRef(type: RecordType | null, number: string | null, id: number | null): SourceRef | null {
  if (!type || !number || id === null) return null;
  return { id, type, number, label: recordLabel(type, number) };
}

export function presentConversation(row: ConversationQueryRow): ConversationSummary {
  const lastAuthor =
    row.last_bo_first_name !== null
      ? personName(row.last_bo_first_name, row.last_bo_last_name ?? '')
      : row.last_cu_first_name !== null
        ? customerUserName({ first_name: row.last_cu_first_name, last_name: row.last_cu_last_name, deleted_at: row.last_cu_deleted_at })
        : null;
  return {
    id: row.id,
    name: row.name,
    status: row.status,
    source: sourceRef(row.source_type, row.source_number, row.source_record_id),
    customer: { id: row.customer_id, name: row.customer_name },
    customerUser: {
      id: row.customer_user_id,
      name: customerUserName({ first_name: row.cu_first_name, last_name: row.cu_last_name, deleted_at: row.cu_deleted_at }),
    },
    owner: row.owner_id !== null ? { id: row.owner_id, name: personName(row.owner_first_name ?? '', row.owner_last_name ?? '') } : null,
    messagesCount: row.messages_count,
    lastSeq: row.last_seq,
    lastMessage:
      row.last_created_at !== null && row.last_type !== null && row.last_type !== 'note'
        ? {
            seq: row.last_public_seq,
            type: row.last_type,
            preview: row.last_preview ?? '',
            authorName: lastAuthor,
            createdAt: row.last_created_at,
          }
        : null,
    lastActivityAt: row.last_activity_at,
    unreadCount: row.my_unread_count ?? 0,
    lastReadSeq: row.my_last_read_seq ?? 0,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function presentMessage(row: MessageQueryRow): Message {
  let author: Message['author'] = null;
  if (row.author_participant_id !== null) {
    if (row.bo_id !== null) {
      const name = personName(row.bo_first_name ?? '', row.bo_last_name ?? '');
      author = {
        kind: 'backoffice_user',
        participantId: row.author_participant_id,
        userId: row.bo_id,
        name,
        initials: initialsOf(name),
        role: row.bo_role ?? '',
        deleted: false,
      };
    } else if (row.cu_id !== null) {
      const deleted = row.cu_deleted_at !== null;
      const name = customerUserName({ first_name: row.cu_first_name, last_name: row.cu_last_name, deleted_at: row.cu_deleted_at });
      author = {
        kind: 'customer_user',
        participantId: row.author_participant_id,
        userId: row.cu_id,
        name,
        initials: deleted ? '?' : initialsOf(name),
        role: row.cu_role ?? '',
        deleted,
      };
    }
  }
  return {
    id: row.id,
    conversationId: row.conversation_id,
    seq: row.seq,
    type: row.type,
    body: row.body,
    author,
    sentBy:
      row.sent_by_backoffice_user_id !== null
        ? { id: row.sent_by_backoffice_user_id, name: personName(row.sb_first_name ?? '', row.sb_last_name ?? '') }
        : null,
    createdAt: row.created_at,
  };
}
