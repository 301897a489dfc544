import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { participantsWithUsers } from '../conversations';

/** These participants' waits: running since `since_at`, or settled up to `notified_seq`; one query for a batch of events. */
export const waitsOf = (db: Kysely<DB>, participantIds: readonly number[]) =>
  db
    .selectFrom('notification_watches')
    .select(['participant_id', 'since_at', 'notified_seq'])
    .where('participant_id', 'in', participantIds)
    .execute();

/**
 * A message waits for the participant: starts the wait unless one runs, or
 * the message was mailed already. A running wait is left as it is (no write:
 * under a stream of messages most find their participant waiting already).
 */
export async function watchMessage(db: Kysely<DB>, w: { participantId: number; conversationId: number; seq: number; at: string }) {
  await db
    .insertInto('notification_watches')
    .values({ participant_id: w.participantId, conversation_id: w.conversationId, notified_seq: 0, since_at: w.at, updated_at: w.at })
    .onConflict((oc) =>
      oc
        .column('participant_id')
        .doUpdateSet({ since_at: w.at, updated_at: w.at })
        .where('notification_watches.notified_seq', '<', w.seq)
        .where('notification_watches.since_at', 'is', null),
    )
    .execute();
}

export const forgetConversation = (db: Kysely<DB>, conversationId: number) =>
  db.deleteFrom('notification_watches').where('conversation_id', '=', conversationId).execute();

/** Who waits since before `cutoff`, with what the mail needs of them and their conversation. */
export const dueWatches = (db: Kysely<DB>, cutoff: string, limit: number) =>
  participantsWithUsers(db)
    .innerJoin('notification_watches as w', 'w.participant_id', 'p.id')
    .select(['w.conversation_id', 'w.notified_seq', 'w.since_at', 'p.last_read_seq', 'c.status', 'c.last_seq'])
    .where('w.since_at', '<=', cutoff)
    .orderBy('w.since_at')
    .limit(limit)
    .execute();

export type DueWatch = Awaited<ReturnType<typeof dueWatches>>[number];

/** the newest unmailed messages read for one mail; one more tells that there are more */
export const UNMAILED_READ = 50;

/**
 * The newest messages a participant has not read nor been mailed, not their
 * own, oldest first (at most UNMAILED_READ + 1); customers never see internal
 * notes (only `text`), staff see every kind but system messages.
 */
export async function unmailedMessages(
  db: Kysely<DB>,
  w: { participantId: number; conversationId: number; afterSeq: number; customer: boolean },
) {
  let query = db
    .selectFrom('notification_watches as w')
    .innerJoin('messages as m', 'm.conversation_id', 'w.conversation_id')
    .leftJoin('participants as ap', 'ap.id', 'm.author_participant_id')
    .leftJoin('customer_users as acu', 'acu.id', 'ap.customer_user_id')
    .leftJoin('backoffice_users as abo', 'abo.id', 'ap.backoffice_user_id')
    // whether the message mentions the one mailed (a back-office participant)
    .innerJoin('participants as rp', 'rp.id', 'w.participant_id')
    .leftJoin('mentions as mn', (join) =>
      join.onRef('mn.message_id', '=', 'm.id').onRef('mn.backoffice_user_id', '=', 'rp.backoffice_user_id'),
    )
    .select([
      'mn.id as mention_id',
      'm.id',
      'm.seq',
      'm.type',
      'm.body',
      'm.created_at',
      'acu.first_name as acu_first_name',
      'acu.last_name as acu_last_name',
      'acu.deleted_at as acu_deleted_at',
      'abo.first_name as abo_first_name',
      'abo.last_name as abo_last_name',
    ])
    .where('w.participant_id', '=', w.participantId)
    .where('m.seq', '>', w.afterSeq)
    .where((eb) => eb.or([eb('m.author_participant_id', 'is', null), eb('m.author_participant_id', '!=', w.participantId)]))
    .orderBy('m.seq', 'desc')
    .limit(UNMAILED_READ + 1);
  query = w.customer ? query.where('m.type', '=', 'text') : query.where('m.type', '!=', 'system');
  return (await query.execute()).reverse();
}

export type UnmailedMessage = Awaited<ReturnType<typeof unmailedMessages>>[number];

/**
 * Marks what the sender handled, if nobody did meanwhile (the wait it read
 * is still the one there): answers whether this call did. Messages that came
 * after `seq` (system messages and the participant's own too: the next round
 * finds nothing to mail for them) start a new wait at `at`.
 */
export async function settleWatch(db: Kysely<DB>, s: { participantId: number; sinceAt: string; seq: number; at: string }) {
  // read in the transaction: a message committed since the sender looked is not lost
  const now = await db
    .selectFrom('notification_watches as w')
    .innerJoin('conversations as c', 'c.id', 'w.conversation_id')
    .select('c.last_seq')
    .where('w.participant_id', '=', s.participantId)
    .executeTakeFirst();
  if (!now) return false;
  const result = await db
    .updateTable('notification_watches')
    .set({ notified_seq: s.seq, since_at: now.last_seq > s.seq ? s.at : null, updated_at: s.at })
    .where('participant_id', '=', s.participantId)
    .where('since_at', '=', s.sinceAt)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
