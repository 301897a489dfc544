import type { Insertable, Kysely } from 'kysely';
import type { PasswordTokenTable } from './password-tokens.table';
import type { DB } from '../db/schema';
import type { SessionSide } from './sessions.table';

export function insertSession(
  db: Kysely<DB>,
  session: { id: string; side: SessionSide; userId: number; csrfToken: string; createdAt: string; expiresAt: string },
) {
  return db
    .insertInto('sessions')
    .values({
      id: session.id,
      side: session.side,
      user_id: session.userId,
      csrf_token: session.csrfToken,
      created_at: session.createdAt,
      expires_at: session.expiresAt,
    })
    .execute();
}

export function findSession(db: Kysely<DB>, id: string, side: SessionSide) {
  return db.selectFrom('sessions').selectAll().where('id', '=', id).where('side', '=', side).executeTakeFirst();
}

export function deleteSession(db: Kysely<DB>, id: string) {
  return db.deleteFrom('sessions').where('id', '=', id).execute();
}

/** Ends every session of one user; answers their ids (hashes), so their sockets can close. */
export async function deleteSessionsOfUser(db: Kysely<DB>, side: SessionSide, userId: number, except?: string) {
  let query = db.deleteFrom('sessions').where('side', '=', side).where('user_id', '=', userId);
  if (except !== undefined) query = query.where('id', '!=', except);
  const rows = await query.returning('id').execute();
  return rows.map((r) => r.id);
}

export function insertPasswordToken(db: Kysely<DB>, row: Insertable<PasswordTokenTable>) {
  return db.insertInto('password_tokens').values(row).execute();
}

/** Uses a link's token: answers its user when it was unused and unexpired, and marks it used (the user's other links die with it). */
export async function usePasswordToken(db: Kysely<DB>, id: string, side: SessionSide, at: string) {
  const row = await db
    .selectFrom('password_tokens')
    .selectAll()
    .where('id', '=', id)
    .where('side', '=', side)
    .where('used_at', 'is', null)
    .where('expires_at', '>', at)
    .executeTakeFirst();
  if (!row) return undefined;
  await db
    .updateTable('password_tokens')
    .set({ used_at: at })
    .where('side', '=', side)
    .where('user_id', '=', row.user_id)
    .where('used_at', 'is', null)
    .execute();
  return row;
}
