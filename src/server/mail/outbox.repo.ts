import type { Insertable, Kysely, Updateable } from 'kysely';
import type { DB } from '../db/schema';
import type { MailOutboxTable, MailRow } from './mail.table';

export type NewMail = Insertable<MailOutboxTable>;

/** Adds the mails; one whose dedupe key is already there is left out. */
export async function insertMails(db: Kysely<DB>, rows: NewMail[]) {
  if (rows.length === 0) return;
  await db
    .insertInto('mail_outbox')
    .values(rows)
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .execute();
}

/** Pending mails due at `at` that nobody holds, oldest first. */
export const dueMails = (db: Kysely<DB>, at: string, limit: number) =>
  db
    .selectFrom('mail_outbox')
    .select('id')
    .where('state', '=', 'pending')
    .where('next_attempt_at', '<=', at)
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', at)]))
    .orderBy('next_attempt_at')
    .orderBy('id')
    .limit(limit)
    .execute();

/** Claims what is still unclaimed of `ids`: answers the mails this instance now holds. */
export const claimMails = (db: Kysely<DB>, ids: number[], owner: string, at: string, until: string): Promise<MailRow[]> =>
  ids.length === 0
    ? Promise.resolve([])
    : db
        .updateTable('mail_outbox')
        .set({ claimed_by: owner, claimed_until: until })
        .where('id', 'in', ids)
        .where('state', '=', 'pending')
        .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', at)]))
        .returningAll()
        .execute();

export const updateMail = (db: Kysely<DB>, id: number, owner: string, values: Updateable<MailOutboxTable>) =>
  db.updateTable('mail_outbox').set(values).where('id', '=', id).where('claimed_by', '=', owner).execute();

export const listMails = (db: Kysely<DB>, before: number | undefined, limit: number) => {
  let query = db.selectFrom('mail_outbox').selectAll().orderBy('id', 'desc').limit(limit);
  if (before !== undefined) query = query.where('id', '<', before);
  return query.execute();
};

export const findMail = (db: Kysely<DB>, id: number) => db.selectFrom('mail_outbox').selectAll().where('id', '=', id).executeTakeFirst();

/** Whether a Message-ID is one of ours: a mail that comes back with it is a loop. */
export const isOurMessageId = async (db: Kysely<DB>, messageId: string) =>
  (await db.selectFrom('mail_outbox').select('id').where('message_id', '=', messageId).limit(1).executeTakeFirst()) !== undefined;

export const mailKey = async (db: Kysely<DB>) =>
  (await db.selectFrom('mail_keys').select('secret').orderBy('id').limit(1).executeTakeFirstOrThrow()).secret;

/** How many mails are in this state, for /metrics. */
export async function mailCount(db: Kysely<DB>, state: MailOutboxTable['state']): Promise<number> {
  const row = await db
    .selectFrom('mail_outbox')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('state', '=', state)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
