import type { Kysely } from 'kysely';
import type { DB, SessionSide } from '../db/schema';

export function findCustomerUserByEmail(db: Kysely<DB>, email: string) {
  return db
    .selectFrom('customer_users')
    .selectAll()
    .where('email', '=', email.toLowerCase())
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

export function findBackofficeUserByEmail(db: Kysely<DB>, email: string) {
  return db.selectFrom('backoffice_users').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();
}

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
