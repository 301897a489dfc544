import type { Insertable, Kysely } from 'kysely';
import type { UserRef } from '../../shared/events';
import type { DB } from '../db/schema';
import { unreachable } from '../kernel/actor';
import { precompiled } from '../writes';
import type { ParticipantRow, ParticipantTable } from './conversations.table';

/** every column, named: a prepared statement must not say `*` (see prepareOnPostgres) */
const everyParticipantColumn = Object.keys({
  id: true,
  conversation_id: true,
  customer_user_id: true,
  backoffice_user_id: true,
  last_read_seq: true,
  unread_count: true,
  guest: true,
  removed_at: true,
  created_at: true,
} satisfies Record<keyof ParticipantTable, true>) as (keyof ParticipantTable)[];

const participantBy = {
  customer_user: precompiled((db, conversationId: number, id: number) =>
    db
      .selectFrom('participants')
      .select(everyParticipantColumn)
      .where('conversation_id', '=', conversationId)
      .where('customer_user_id', '=', id),
  ),
  backoffice_user: precompiled((db, conversationId: number, id: number) =>
    db
      .selectFrom('participants')
      .select(everyParticipantColumn)
      .where('conversation_id', '=', conversationId)
      .where('backoffice_user_id', '=', id),
  ),
};

/** The participant row's column that names a user of this kind. */
export function participantColumnOf(kind: UserRef['kind']): 'customer_user_id' | 'backoffice_user_id' {
  switch (kind) {
    case 'customer_user':
      return 'customer_user_id';
    case 'backoffice_user':
      return 'backoffice_user_id';
    default:
      return unreachable(kind);
  }
}

/** The participant row's user columns: the one for the user's kind is set, the other null. */
function participantColumns(who: UserRef) {
  return { customer_user_id: null, backoffice_user_id: null, [participantColumnOf(who.kind)]: who.id };
}

export async function findParticipant(db: Kysely<DB>, conversationId: number, who: UserRef) {
  return (await participantBy[who.kind](db, conversationId, who.id))[0];
}

/**
 * The user's participant in the conversation, created on first need (or
 * taking part again after a removal). A new participant has read nothing, so
 * everything others wrote is unread for them.
 */
export async function ensureParticipant(
  db: Kysely<DB>,
  conversationId: number,
  who: UserRef,
  as: { at: string; guest: boolean },
  countUnread: (participantId: number) => Promise<number>,
): Promise<ParticipantRow> {
  const found = await findParticipant(db, conversationId, who);
  if (found && found.removed_at === null) return found;
  const row = found
    ? await db
        .updateTable('participants')
        .set({ removed_at: null, guest: as.guest ? 1 : 0, last_read_seq: 0 })
        .where('id', '=', found.id)
        .returningAll()
        .executeTakeFirstOrThrow()
    : await db
        .insertInto('participants')
        .values({
          conversation_id: conversationId,
          ...participantColumns(who),
          last_read_seq: 0,
          unread_count: 0,
          guest: as.guest ? 1 : 0,
          removed_at: null,
          created_at: as.at,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
  const unread = await countUnread(row.id);
  if (unread === row.unread_count) return row;
  await db.updateTable('participants').set({ unread_count: unread }).where('id', '=', row.id).execute();
  return { ...row, unread_count: unread };
}

/** Takes the participant out: they keep what they wrote, and neither see (as a guest) nor count anything more. */
export function removeParticipantRow(db: Kysely<DB>, participantId: number, at: string) {
  return db.updateTable('participants').set({ removed_at: at, guest: 0, unread_count: 0 }).where('id', '=', participantId).execute();
}

/** The conversations a customer user takes part in as a guest (someone else's conversation). */
export async function guestConversationIds(db: Kysely<DB>, customerUserId: number): Promise<number[]> {
  const rows = await guestsOf(db, customerUserId);
  return rows.map((r) => r.conversation_id);
}
const guestsOf = precompiled((db, customerUserId: number) =>
  db.selectFrom('participants').select('conversation_id').where('customer_user_id', '=', customerUserId).where('guest', '=', 1),
);

/** Who takes part in any of these conversations, with how far each has read: one query for a batch of events. */
export function readersOf(db: Kysely<DB>, conversationIds: readonly number[]) {
  return db
    .selectFrom('participants')
    .select(['id', 'conversation_id', 'customer_user_id', 'last_read_seq'])
    .where('conversation_id', 'in', conversationIds)
    .where('removed_at', 'is', null)
    .execute();
}

export function listParticipants(db: Kysely<DB>, conversationId: number) {
  return db
    .selectFrom('participants as p')
    .leftJoin('customer_users as cu', 'cu.id', 'p.customer_user_id')
    .leftJoin('backoffice_users as bo', 'bo.id', 'p.backoffice_user_id')
    .select([
      'p.id',
      'p.customer_user_id',
      'p.backoffice_user_id',
      'p.last_read_seq',
      'p.unread_count',
      'cu.first_name as cu_first_name',
      'cu.last_name as cu_last_name',
      'cu.role as cu_role',
      'cu.deleted_at as cu_deleted_at',
      'cu.customer_id as cu_customer_id',
      'bo.first_name as bo_first_name',
      'bo.last_name as bo_last_name',
      'bo.role as bo_role',
    ])
    .where('p.conversation_id', '=', conversationId)
    .where('p.removed_at', 'is', null)
    .orderBy('p.id')
    .execute();
}

// After a message, in one statement: everyone taking part but its author has
// one more unread message; the author, writing in person, has read the whole
// thread (one query per case, each built once; the query-plan test reads these).
// An internal note counts only for the back-office participants.
export const unreadStatements = {
  forEveryone: (db: Kysely<DB>, conversationId: number) =>
    db
      .updateTable('participants')
      .set((eb) => ({ unread_count: eb('unread_count', '+', 1) }))
      .where('conversation_id', '=', conversationId)
      .where('removed_at', 'is', null),
  forOthers: (db: Kysely<DB>, conversationId: number, author: number) =>
    db
      .updateTable('participants')
      .set((eb) => ({
        unread_count: eb
          .case()
          .when('id', '=', author)
          .then(eb.ref('unread_count'))
          .else(eb('unread_count', '+', 1))
          .end(),
      }))
      .where('conversation_id', '=', conversationId)
      .where('removed_at', 'is', null),
  forOthersAuthorRead: (db: Kysely<DB>, conversationId: number, author: number, seq: number) =>
    db
      .updateTable('participants')
      .set((eb) => ({
        unread_count: eb
          .case()
          .when('id', '=', author)
          .then(eb.lit(0))
          .else(eb('unread_count', '+', 1))
          .end(),
        last_read_seq: eb.case().when('id', '=', author).then(seq).else(eb.ref('last_read_seq')).end(),
      }))
      .where('conversation_id', '=', conversationId)
      .where('removed_at', 'is', null),
};
const unreadForEveryone = precompiled(unreadStatements.forEveryone);
const unreadForOthers = precompiled(unreadStatements.forOthers);
const unreadForOthersAuthorRead = precompiled(unreadStatements.forOthersAuthorRead);

export function recordMessageForParticipants(
  db: Kysely<DB>,
  conversationId: number,
  message: { seq: number; authorParticipantId: number | null; authorReadsAll: boolean; staffOnly: boolean },
) {
  const author = message.authorParticipantId;
  if (message.staffOnly) {
    const statement =
      author === null
        ? unreadStatements.forEveryone(db, conversationId)
        : message.authorReadsAll
          ? unreadStatements.forOthersAuthorRead(db, conversationId, author, message.seq)
          : unreadStatements.forOthers(db, conversationId, author);
    return statement.where('backoffice_user_id', 'is not', null).execute();
  }
  if (author === null) return unreadForEveryone(db, conversationId);
  if (!message.authorReadsAll) return unreadForOthers(db, conversationId, author);
  return unreadForOthersAuthorRead(db, conversationId, author, message.seq);
}

export function setReadState(db: Kysely<DB>, participantId: number, lastReadSeq: number, unreadCount: number) {
  return db
    .updateTable('participants')
    .set({ last_read_seq: lastReadSeq, unread_count: unreadCount })
    .where('id', '=', participantId)
    .execute();
}

/** A participant as of a time and read mark (the demo data's history). */
export async function insertParticipantAsOf(db: Kysely<DB>, row: Insertable<ParticipantTable>) {
  return (await db.insertInto('participants').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

/** Each participant of a conversation with their unread count in it (the live layer's unread push). */
export function participantUnreadCounts(db: Kysely<DB>, conversationId: number) {
  return db
    .selectFrom('participants')
    .select(['customer_user_id', 'backoffice_user_id', 'unread_count'])
    .where('conversation_id', '=', conversationId)
    .where('removed_at', 'is', null)
    .execute();
}

export function findParticipantById(db: Kysely<DB>, conversationId: number, participantId: number) {
  return db
    .selectFrom('participants')
    .select(['id', 'backoffice_user_id', 'customer_user_id'])
    .where('id', '=', participantId)
    .where('conversation_id', '=', conversationId)
    .where('removed_at', 'is', null)
    .executeTakeFirst();
}

/** A customer user's unread messages over all their conversations, and how many conversations have some. */
export async function unreadOfCustomerUser(db: Kysely<DB>, customerUserId: number) {
  const row = await db
    .selectFrom('participants')
    .select((eb) => [eb.fn.sum<number>('unread_count').as('total'), eb.fn.countAll<number>().as('conversations')])
    .where('customer_user_id', '=', customerUserId)
    .where('unread_count', '>', 0)
    .executeTakeFirstOrThrow();
  return { total: Number(row.total ?? 0), conversations: Number(row.conversations) };
}

/** How many conversations have unread messages for a back-office user. */
export async function unreadConversationsOfBackofficeUser(db: Kysely<DB>, backofficeUserId: number) {
  const row = await db
    .selectFrom('participants')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('backoffice_user_id', '=', backofficeUserId)
    .where('unread_count', '>', 0)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Participants with their users (address, first name, gone or not) and their conversation's name and record: the base of the mails' queries (notifications/). */
export const participantsWithUsers = (db: Kysely<DB>) =>
  db
    .selectFrom('participants as p')
    .innerJoin('conversations as c', 'c.id', 'p.conversation_id')
    .leftJoin('commerce_records as r', 'r.id', 'c.source_record_id')
    .leftJoin('customer_users as cu', 'cu.id', 'p.customer_user_id')
    .leftJoin('backoffice_users as bo', 'bo.id', 'p.backoffice_user_id')
    .select([
      'p.id as participant_id',
      'p.customer_user_id',
      'p.backoffice_user_id',
      'c.name',
      'r.type as record_type',
      'r.number as record_number',
      'cu.email as cu_email',
      'cu.first_name as cu_first_name',
      'cu.deleted_at as cu_deleted_at',
      'bo.email as bo_email',
      'bo.first_name as bo_first_name',
      'bo.deactivated_at as bo_deactivated_at',
    ]);
