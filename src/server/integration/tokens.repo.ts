import type { Insertable, Kysely, Updateable } from 'kysely';
import type { DB } from '../db/schema';
import type { ServiceTokenTable } from './tokens.table';

export function selectTokens(db: Kysely<DB>) {
  return db
    .selectFrom('service_tokens as t')
    .leftJoin('backoffice_users as b', 'b.id', 't.created_by_backoffice_user_id')
    .selectAll('t')
    .select(['b.first_name as creator_first_name', 'b.last_name as creator_last_name']);
}
export type TokenQueryRow = Awaited<ReturnType<ReturnType<typeof selectTokens>['executeTakeFirstOrThrow']>>;

export const findToken = (db: Kysely<DB>, id: number) => selectTokens(db).where('t.id', '=', id).executeTakeFirst();

export const listTokens = (db: Kysely<DB>) => selectTokens(db).orderBy('t.created_at', 'desc').orderBy('t.id', 'desc').execute();

export const findTokenByHash = (db: Kysely<DB>, secretHash: string) =>
  db.selectFrom('service_tokens').selectAll().where('secret_hash', '=', secretHash).executeTakeFirst();

export async function insertToken(db: Kysely<DB>, row: Insertable<ServiceTokenTable>) {
  return (await db.insertInto('service_tokens').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export const updateToken = (db: Kysely<DB>, id: number, changes: Updateable<ServiceTokenTable>) =>
  db.updateTable('service_tokens').set(changes).where('id', '=', id).execute();
