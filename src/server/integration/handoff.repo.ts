import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import type { HandoffSettingsTable } from './handoff.table';

const SETTINGS_ID = 1;

export const findHandoffSettings = (db: Kysely<DB>) =>
  db.selectFrom('handoff_settings').selectAll().where('id', '=', SETTINGS_ID).executeTakeFirst();

export async function saveHandoffSettings(db: Kysely<DB>, values: Omit<HandoffSettingsTable, 'id'>) {
  await db
    .insertInto('handoff_settings')
    .values({ id: SETTINGS_ID, ...values })
    .onConflict((oc) => oc.column('id').doUpdateSet(values))
    .execute();
}

/** Notes a jti as used (forgetting those past their expiry); answers false when it was used before. */
export async function useJti(db: Kysely<DB>, jti: string, expiresAt: string, at: string): Promise<boolean> {
  await db.deleteFrom('handoff_jtis').where('expires_at', '<', at).execute();
  const inserted = await db
    .insertInto('handoff_jtis')
    .values({ jti, expires_at: expiresAt })
    .onConflict((oc) => oc.column('jti').doNothing())
    .returning('jti')
    .executeTakeFirst();
  return inserted !== undefined;
}
