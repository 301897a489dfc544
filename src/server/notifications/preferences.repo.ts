import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import type { NotificationPreferenceTable } from './notifications.table';

export type UserKind = NotificationPreferenceTable['user_kind'];

export const defaultPreferences = {
  new_messages: 'delay',
  assigned: 1,
  status_changes: 1,
  digest_sent_on: null,
  digest_since: null,
} as const;

export async function findPreferences(db: Kysely<DB>, userKind: UserKind, userId: number) {
  const row = await db
    .selectFrom('notification_preferences')
    .selectAll()
    .where('user_kind', '=', userKind)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row ?? { user_kind: userKind, user_id: userId, ...defaultPreferences, updated_at: '' };
}

export async function savePreferences(
  db: Kysely<DB>,
  userKind: UserKind,
  userId: number,
  values: Partial<Pick<NotificationPreferenceTable, 'new_messages' | 'assigned' | 'status_changes' | 'digest_sent_on'>>,
  at: string,
) {
  const current = await findPreferences(db, userKind, userId);
  const row = {
    user_kind: userKind,
    user_id: userId,
    new_messages: current.new_messages,
    assigned: current.assigned,
    status_changes: current.status_changes,
    digest_sent_on: current.digest_sent_on,
    ...values,
    updated_at: at,
  };
  await db
    .insertInto('notification_preferences')
    .values(row)
    .onConflict((oc) => oc.columns(['user_kind', 'user_id']).doUpdateSet({ ...values, updated_at: at }))
    .execute();
  return row;
}

/** Who chose the daily digest and has none settled for `day` (YYYY-MM-DD) yet. */
export const dueDigests = (db: Kysely<DB>, day: string, limit: number) =>
  db
    .selectFrom('notification_preferences')
    .select(['user_kind', 'user_id', 'digest_sent_on', 'digest_since', 'updated_at'])
    .where('new_messages', '=', 'digest')
    .where((eb) => eb.or([eb('digest_sent_on', 'is', null), eb('digest_sent_on', '<', day)]))
    .orderBy('user_kind')
    .orderBy('user_id')
    .limit(limit)
    .execute();

/** Settles today's digest, if it is still unsettled as `previous` says; false when another instance did. */
export async function settleDigest(
  db: Kysely<DB>,
  item: { userKind: UserKind; userId: number; previous: string | null; at: string; since: string },
): Promise<boolean> {
  const done = await db
    .updateTable('notification_preferences')
    .set({ digest_sent_on: item.at, digest_since: item.since })
    .where('user_kind', '=', item.userKind)
    .where('user_id', '=', item.userId)
    .where((eb) => (item.previous === null ? eb('digest_sent_on', 'is', null) : eb('digest_sent_on', '=', item.previous)))
    .executeTakeFirst();
  return Number(done.numUpdatedRows) === 1;
}
