import { sql, type Insertable, type Kysely } from 'kysely';
import { INT_MAX } from '../../shared/input';
import type { UserRef } from '../../shared/events';
import type { DB } from '../db/schema';
import { precompiled } from '../writes';
import type { Visibility } from '../people';
import type { ConversationStatus, ConversationTable, StatusChangeTable } from './conversations.table';
import { participantColumnOf } from './participants.repo';

/** Whose read state and unread count a conversation row is read with: a participant's user, or nobody (an integration, the system). */
export type Viewer = UserRef | null;

/** A conversation with everything a list item or page shows, in one query. */
export function selectConversations(db: Kysely<DB>, viewer: Viewer) {
  // nobody's read state (no viewer): a user id no row has
  const viewerColumn = `me.${participantColumnOf(viewer?.kind ?? 'backoffice_user')}` as const;
  const viewerId = viewer?.id ?? 0;
  // internal notes number in the thread too; whoever is not staff reads up to the last message they may see
  const lastSeq = viewer?.kind === 'backoffice_user' ? sql.ref<number>('c.last_seq') : sql.ref<number>('c.last_public_seq');
  return (
    db
      .selectFrom('conversations as c')
      .innerJoin('customers as cust', 'cust.id', 'c.customer_id')
      .innerJoin('customer_users as cu', 'cu.id', 'c.customer_user_id')
      .leftJoin('backoffice_users as o', 'o.id', 'c.owner_id')
      .leftJoin('commerce_records as r', (join) => join.onRef('r.id', '=', 'c.source_record_id').on('r.deleted_at', 'is', null))
      // the preview: the last text message, not the status lines after it (a thread of status lines only: the last of them)
      .leftJoin('messages as m', (join) =>
        join
          .onRef('m.conversation_id', '=', 'c.id')
          .on('m.seq', '=', sql<number>`case when c.last_text_seq > 0 then c.last_text_seq else c.last_public_seq end`),
      )
      .leftJoin('participants as ap', 'ap.id', 'm.author_participant_id')
      .leftJoin('customer_users as acu', 'acu.id', 'ap.customer_user_id')
      .leftJoin('backoffice_users as abu', 'abu.id', 'ap.backoffice_user_id')
      // a removed participant no longer takes part: not "mine", nothing unread
      .leftJoin('participants as me', (join) =>
        join.onRef('me.conversation_id', '=', 'c.id').on(viewerColumn, '=', viewerId).on('me.removed_at', 'is', null),
      )
      .select([
        'c.id',
        'c.name',
        'c.status',
        'c.customer_id',
        'c.customer_user_id',
        'c.owner_id',
        'c.source_record_id',
        'c.messages_count',
        lastSeq.as('last_seq'),
        'c.last_public_seq',
        'c.last_activity_at',
        'c.created_at',
        'c.updated_at',
        'c.awaiting_staff_since',
        'cust.name as customer_name',
        'cu.first_name as cu_first_name',
        'cu.last_name as cu_last_name',
        'cu.deleted_at as cu_deleted_at',
        'o.first_name as owner_first_name',
        'o.last_name as owner_last_name',
        'r.type as source_type',
        'r.number as source_number',
        'm.type as last_type',
        'm.created_at as last_created_at',
        // a message of files only reads "📎 invoice.pdf"
        sql<
          string | null
        >`coalesce(nullif(substr(m.body, 1, 200), ''), (select '📎 ' || a.name from attachments a where a.message_id = m.id order by a.id limit 1))`.as(
          'last_preview',
        ),
        'acu.first_name as last_cu_first_name',
        'acu.last_name as last_cu_last_name',
        'acu.deleted_at as last_cu_deleted_at',
        'abu.first_name as last_bo_first_name',
        'abu.last_name as last_bo_last_name',
        'me.unread_count as my_unread_count',
        'me.last_read_seq as my_last_read_seq',
      ])
  );
}

export type ConversationQuery = ReturnType<typeof selectConversations>;
export type ConversationQueryRow = Awaited<ReturnType<ConversationQuery['executeTakeFirstOrThrow']>>;

export function whereVisible<Q extends ConversationQuery>(query: Q, visibility: Visibility): Q {
  switch (visibility.kind) {
    case 'all':
      return query;
    case 'customerUser':
      if (visibility.guestOf.length === 0) return query.where('c.customer_user_id', '=', visibility.customerUserId) as Q;
      return query.where((eb) =>
        eb.or([eb('c.customer_user_id', '=', visibility.customerUserId), eb('c.id', 'in', [...visibility.guestOf])]),
      ) as Q;
    case 'customers':
      if (visibility.guestOf.length === 0) return query.where('c.customer_id', 'in', visibility.customerIds) as Q;
      return query.where((eb) =>
        eb.or([eb('c.customer_id', 'in', visibility.customerIds), eb('c.id', 'in', [...visibility.guestOf])]),
      ) as Q;
  }
}

/**
 * A newest-first page over several customers (a customer Administrator's list)
 * without sorting all their conversations: `customer_id IN (…) ORDER BY
 * last_activity_at` cannot be read in order from one index, so each customer's
 * first `limit` ids (through the same filters) are read in order from
 * conversations_customer_activity, and only those few rows are read and sorted.
 * The ids are fetched first and passed as a list: given a subquery instead,
 * PostgreSQL hash-joined every conversation and message to it.
 */
export async function newestPerCustomer(
  db: Kysely<DB>,
  viewer: Viewer,
  query: ConversationQuery,
  visibility: Visibility,
  limit: number,
): Promise<ConversationQuery> {
  // one customer: the index already gives the order; very many: one probe each would cost more than the sort
  if (visibility.kind !== 'customers' || visibility.customerIds.length < 2 || visibility.customerIds.length > 50) return query;
  // guest conversations are outside every customer's lane
  if (visibility.guestOf.length > 0) return query;
  const firsts = visibility.customerIds.map((customerId, i) => {
    const first = query
      .clearSelect()
      .select('c.id')
      .where('c.customer_id', '=', customerId)
      .orderBy('c.last_activity_at', 'desc')
      .orderBy('c.id', 'desc')
      .limit(limit)
      .as(`first${i}`);
    return db.selectFrom(first).select(sql<number>`id`.as('id'));
  });
  const candidates = await firsts
    .slice(1)
    .reduce((union, next) => union.unionAll(next), firsts[0]!)
    .execute();
  // the candidates already passed visibility and every filter; the page is read by id
  const page = selectConversations(db, viewer);
  return candidates.length === 0
    ? page.where(sql<boolean>`1 = 0`)
    : page.where(
        'c.id',
        'in',
        candidates.map((c) => c.id),
      );
}

/** every column, named: a prepared statement must not say `*` (see prepareOnPostgres) */
const conversationColumns = Object.keys({
  id: true,
  name: true,
  status: true,
  customer_id: true,
  customer_user_id: true,
  owner_id: true,
  source_record_id: true,
  messages_count: true,
  last_seq: true,
  last_public_seq: true,
  last_text_seq: true,
  last_activity_at: true,
  created_at: true,
  updated_at: true,
  awaiting_staff_since: true,
} satisfies Record<keyof ConversationTable, true>) as (keyof ConversationTable)[];

const conversationById = precompiled((db, id: number) => db.selectFrom('conversations').select(conversationColumns).where('id', '=', id));

export async function findConversationRow(db: Kysely<DB>, id: number) {
  return (await conversationById(db, id))[0];
}

/** Keyset cursor over (last_activity_at, id), newest first. */
export function encodeCursor(row: { last_activity_at: string; id: number }): string {
  return Buffer.from(`${row.last_activity_at}|${row.id}`).toString('base64url');
}

/** A cursor this server made, or nothing: whatever else a client sends never reaches a query. */
export function decodeCursor(cursor: string): { at: string; id: number } | undefined {
  const [at = '', id = '', ...rest] = Buffer.from(cursor, 'base64url').toString().split('|');
  const n = Number(id);
  if (rest.length > 0 || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/.test(at) || !/^[1-9]\d*$/.test(id) || n > INT_MAX)
    return undefined;
  return { at, id: n };
}

/** The conversations of a deleted record let go of it; answers which changed. */
export async function conversationIdsOfRecord(db: Kysely<DB>, recordId: number) {
  const rows = await db.selectFrom('conversations').select('id').where('source_record_id', '=', recordId).execute();
  return rows.map((r) => r.id);
}

export function clearSourceRecord(db: Kysely<DB>, recordId: number, at: string) {
  return db
    .updateTable('conversations')
    .set({ source_record_id: null, updated_at: at })
    .where('source_record_id', '=', recordId)
    .returning(['id', 'name', 'owner_id', 'customer_id', 'customer_user_id'])
    .execute();
}

export function insertConversation(db: Kysely<DB>, row: Insertable<ConversationTable>) {
  return db.insertInto('conversations').values(row).returningAll().executeTakeFirstOrThrow();
}

export function updateConversationRow(db: Kysely<DB>, id: number, changes: { name?: string; owner_id?: number | null }, at: string) {
  return db
    .updateTable('conversations')
    .set({ ...changes, updated_at: at })
    .where('id', '=', id)
    .execute();
}

/** Moves the status from `from` to `to`; false when it was no longer `from` (a concurrent change). */
export async function setStatus(db: Kysely<DB>, id: number, from: ConversationStatus, to: ConversationStatus, at: string) {
  const changed = await db
    .updateTable('conversations')
    // a Close or Reopen is staff acting on the conversation: it no longer waits on them
    .set({ status: to, updated_at: at, awaiting_staff_since: null })
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(changed.numUpdatedRows) === 1;
}

export function insertStatusChange(db: Kysely<DB>, row: Insertable<StatusChangeTable>) {
  return db.insertInto('status_changes').values(row).execute();
}

export function listStatusChanges(db: Kysely<DB>, conversationId: number) {
  return db
    .selectFrom('status_changes as s')
    .innerJoin('backoffice_users as b', 'b.id', 's.changed_by_backoffice_user_id')
    .select(['s.id', 's.from_status', 's.to_status', 's.created_at', 'b.id as by_id', 'b.first_name', 'b.last_name'])
    .where('s.conversation_id', '=', conversationId)
    .orderBy('s.id')
    .execute();
}

export function deleteConversationRow(db: Kysely<DB>, id: number) {
  return db.deleteFrom('conversations').where('id', '=', id).execute();
}
