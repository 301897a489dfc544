// A conversation with its past: the demo data's (and an import's) way in,
// with messages at their own times. Counters and read marks are computed as
// the live path would have left them.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import type { ConversationStatus } from './conversations.table';
import { insertConversation, insertStatusChange } from './conversations.repo';
import { insertMessageAsOf } from './messages.repo';
import { insertParticipantAsOf } from './participants.repo';

export interface PastLine {
  by: 'customer' | 'owner';
  text: string;
  at: string;
  system?: true;
}

export interface PastConversation {
  name: string;
  customerId: number;
  customerUserId: number;
  ownerId: number;
  recordId: number | null;
  status?: ConversationStatus;
  lines: PastLine[];
  /** how many lines each side had read */
  customerRead: number;
  ownerRead: number;
  /** the status changes, made by the owner at these times */
  statusChanges?: { from: ConversationStatus; to: ConversationStatus; at: string }[];
}

/** As the live path leaves it: a customer's text starts the wait on staff, the owner's text or a status change (a system line) ends it. */
function awaitingStaffSince(c: PastConversation): string | null {
  let since: string | null = null;
  for (const line of c.lines) {
    if (line.by === 'customer' && !line.system) since ??= line.at;
    else since = null;
  }
  return (c.status ?? 'active') === 'active' ? since : null;
}

export async function importConversation(db: Kysely<DB>, c: PastConversation): Promise<number> {
  const first = c.lines[0]!.at;
  const last = c.lines[c.lines.length - 1]!.at;
  const conversation = await insertConversation(db, {
    name: c.name,
    status: c.status ?? 'active',
    customer_id: c.customerId,
    customer_user_id: c.customerUserId,
    owner_id: c.ownerId,
    source_record_id: c.recordId,
    messages_count: c.lines.filter((l) => !l.system).length,
    last_seq: c.lines.length,
    last_public_seq: c.lines.length,
    last_text_seq: c.lines.map((l, i) => (l.system ? 0 : i + 1)).reduce((a, b) => Math.max(a, b), 0),
    last_activity_at: last,
    created_at: first,
    updated_at: last,
    awaiting_staff_since: awaitingStaffSince(c),
  });
  const participant = (customerUserId: number | null, backofficeUserId: number | null, read: number, by: PastLine['by']) =>
    insertParticipantAsOf(db, {
      conversation_id: conversation.id,
      customer_user_id: customerUserId,
      backoffice_user_id: backofficeUserId,
      last_read_seq: read,
      unread_count: c.lines.slice(read).filter((l) => l.by !== by).length,
      created_at: first,
    });
  const authors = {
    customer: await participant(c.customerUserId, null, c.customerRead, 'customer'),
    owner: await participant(null, c.ownerId, c.ownerRead, 'owner'),
  };
  let seq = 0;
  for (const line of c.lines) {
    seq += 1;
    await insertMessageAsOf(db, {
      conversation_id: conversation.id,
      seq,
      type: line.system ? 'system' : 'text',
      body: line.text,
      author_participant_id: authors[line.by],
      sent_by_backoffice_user_id: null,
      created_at: line.at,
    });
  }
  for (const change of c.statusChanges ?? []) {
    await insertStatusChange(db, {
      conversation_id: conversation.id,
      from_status: change.from,
      to_status: change.to,
      changed_by_backoffice_user_id: c.ownerId,
      created_at: change.at,
    });
  }
  return conversation.id;
}
