import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import type { NotificationPreferenceTable } from './notifications.table';

export type UserKind = NotificationPreferenceTable['user_kind'];

export const defaultPreferences = { new_messages: 'delay', assigned: 1, status_changes: 1, digest_sent_on: null } as const;

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
