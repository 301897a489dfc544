import type { Kysely } from 'kysely';
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
export async function deleteSessionsOfUser(db: Kysely<DB>, side: SessionSide, userId: number) {
  const rows = await db.deleteFrom('sessions').where('side', '=', side).where('user_id', '=', userId).returning('id').execute();
  return rows.map((r) => r.id);
}
