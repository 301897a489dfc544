import { sql, type Insertable, type Kysely } from 'kysely';
import type { Dialect } from '../db/database';
import type { DB } from '../db/schema';
import { containsText } from '../db/text';
import { precompiled } from '../writes';
import type { MessageTable, MessageType } from './conversations.table';

export function selectMessages(db: Kysely<DB>) {
  return db
    .selectFrom('messages as m')
    .leftJoin('participants as p', 'p.id', 'm.author_participant_id')
    .leftJoin('customer_users as cu', 'cu.id', 'p.customer_user_id')
    .leftJoin('backoffice_users as bo', 'bo.id', 'p.backoffice_user_id')
    .leftJoin('backoffice_users as sb', 'sb.id', 'm.sent_by_backoffice_user_id')
    .select([
      'm.id',
      'm.conversation_id',
      'm.seq',
      'm.type',
      'm.body',
      'm.author_participant_id',
      'm.sent_by_backoffice_user_id',
      'm.created_at',
      'cu.id as cu_id',
      'cu.first_name as cu_first_name',
      'cu.last_name as cu_last_name',
      'cu.role as cu_role',
      'cu.deleted_at as cu_deleted_at',
      'bo.id as bo_id',
      'bo.first_name as bo_first_name',
      'bo.last_name as bo_last_name',
      'bo.role as bo_role',
      'sb.first_name as sb_first_name',
      'sb.last_name as sb_last_name',
    ]);
}

export type MessageQueryRow = Awaited<ReturnType<ReturnType<typeof selectMessages>['executeTakeFirstOrThrow']>>;

type ThreadPage = { before?: number | undefined; after?: number | undefined; limit: number };

/** Who reads a thread: staff read internal notes too, everyone else never. */
export type Readers = 'staff' | 'public';

/** A thread's messages as these readers may see them. */
export function threadOf(db: Kysely<DB>, conversationId: number, readers: Readers) {
  const query = selectMessages(db).where('m.conversation_id', '=', conversationId);
  return readers === 'staff' ? query : query.where('m.type', '!=', 'note');
}

/** The query behind pageOfMessages (apart, so the query-plan test reads the real one). */
export function pageQuery(db: Kysely<DB>, conversationId: number, page: ThreadPage, readers: Readers = 'public') {
  let query = threadOf(db, conversationId, readers);
  const forward = page.after !== undefined && page.before === undefined;
  if (page.before !== undefined) query = query.where('m.seq', '<', page.before);
  if (page.after !== undefined) query = query.where('m.seq', '>', page.after);
  return { query: query.orderBy('m.seq', forward ? 'asc' : 'desc').limit(page.limit + 1), forward };
}

/** A page of a thread by sequence number, returned oldest first. */
export async function pageOfMessages(db: Kysely<DB>, conversationId: number, page: ThreadPage, readers: Readers) {
  const { query, forward } = pageQuery(db, conversationId, page, readers);
  const rows = await query.execute();
  const more = rows.length > page.limit;
  const items = rows.slice(0, page.limit);
  if (!forward) items.reverse();
  return { items, more, forward };
}

/** A page of the All messages tab's rows, oldest first: between two dates, the text in the body or the author's name, after a sequence number. */
export function searchThread(
  db: Kysely<DB>,
  dialect: Dialect,
  conversationId: number,
  filter: { from?: string | undefined; to?: string | undefined; text?: string | undefined; after?: number | undefined; limit: number },
  readers: Readers,
) {
  let query = threadOf(db, conversationId, readers);
  if (filter.from) query = query.where('m.created_at', '>=', filter.from);
  if (filter.to) query = query.where('m.created_at', '<', endOfDay(filter.to));
  if (filter.after !== undefined) query = query.where('m.seq', '>', filter.after);
  const needle = filter.text;
  if (needle) {
    const fullName = (alias: 'cu' | 'bo') => sql<string>`${sql.ref(`${alias}.first_name`)} || ' ' || ${sql.ref(`${alias}.last_name`)}`;
    query = query.where((eb) =>
      eb.or([
        containsText(dialect, 'm.body', needle)(eb),
        containsText(dialect, fullName('cu'), needle)(eb),
        containsText(dialect, fullName('bo'), needle)(eb),
      ]),
    );
  }
  return query
    .orderBy('m.seq', 'asc')
    .limit(filter.limit + 1)
    .execute();
}

/** A date's upper bound: the next day's start for "2026-11-27", the moment itself for a full time. */
export const endOfDay = (to: string) => (to.length === 10 ? new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000).toISOString() : to);

export function findMessageBySeq(db: Kysely<DB>, conversationId: number, seq: number) {
  return selectMessages(db).where('m.conversation_id', '=', conversationId).where('m.seq', '=', seq).executeTakeFirstOrThrow();
}

export function insertMessage(
  db: Kysely<DB>,
  message: {
    conversationId: number;
    seq: number;
    type: MessageType;
    body: string;
    authorParticipantId: number | null;
    sentByBackofficeUserId: number | null;
    createdAt: string;
  },
) {
  const m = message;
  return insertMessageRow(db, m.conversationId, m.seq, m.type, m.body, m.authorParticipantId, m.sentByBackofficeUserId, m.createdAt).then(
    (rows) => rows[0]!,
  );
}

const insertMessageRow = precompiled(
  (
    db,
    conversationId: number,
    seq: number,
    type: MessageType,
    body: string,
    author: number | null,
    sentBy: number | null,
    createdAt: string,
  ) =>
    db
      .insertInto('messages')
      .values({
        conversation_id: conversationId,
        seq,
        type,
        body,
        author_participant_id: author,
        sent_by_backoffice_user_id: sentBy,
        created_at: createdAt,
      })
      .returning('id'),
);

/** Messages after `seq` that someone other than this participant wrote (internal notes only for staff). */
export async function countUnreadAfter(db: Kysely<DB>, conversationId: number, seq: number, participantId: number, staff: boolean) {
  let query = db
    .selectFrom('messages')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('conversation_id', '=', conversationId)
    .where('seq', '>', seq)
    // one's own messages are read; one written in one's name by someone else is not (as recordMessageForParticipants counts it)
    .where((eb) =>
      eb.or([
        eb('author_participant_id', 'is', null),
        eb('author_participant_id', '!=', participantId),
        eb('sent_by_backoffice_user_id', 'is not', null),
      ]),
    );
  if (!staff) query = query.where('type', '!=', 'note');
  const row = await query.executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A message as it was written at its time (the demo data's history). */
export function insertMessageAsOf(db: Kysely<DB>, row: Insertable<MessageTable>) {
  return db.insertInto('messages').values(row).execute();
}
