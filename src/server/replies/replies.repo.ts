import type { Kysely } from 'kysely';
import type { Dialect } from '../db/database';
import type { DB } from '../db/schema';
import { containsText } from '../db/text';
import type { SavedReplyTable } from './replies.table';

function selectReplies(db: Kysely<DB>) {
  return db
    .selectFrom('saved_replies as r')
    .innerJoin('backoffice_users as o', 'o.id', 'r.owner_id')
    .select(['r.id', 'r.title', 'r.body', 'r.shared', 'r.owner_id', 'r.updated_at', 'o.first_name', 'o.last_name']);
}
export type ReplyQueryRow = Awaited<ReturnType<ReturnType<typeof selectReplies>['executeTakeFirstOrThrow']>>;

/** The shared replies and the user's own, by title; `q` in the title or the body. */
export function listRepliesFor(db: Kysely<DB>, dialect: Dialect, userId: number, q: string | undefined) {
  let query = selectReplies(db).where((eb) => eb.or([eb('r.shared', '=', 1), eb('r.owner_id', '=', userId)]));
  if (q) query = query.where((eb) => eb.or([containsText(dialect, 'r.title', q)(eb), containsText(dialect, 'r.body', q)(eb)]));
  return query.orderBy('r.title').orderBy('r.id').limit(200).execute();
}

/** A reply the user may see: shared, or their own. */
export function findReplyFor(db: Kysely<DB>, userId: number, id: number) {
  return selectReplies(db)
    .where('r.id', '=', id)
    .where((eb) => eb.or([eb('r.shared', '=', 1), eb('r.owner_id', '=', userId)]))
    .executeTakeFirst();
}

export const insertReply = (db: Kysely<DB>, values: Omit<SavedReplyTable, 'id'>) =>
  db.insertInto('saved_replies').values(values).returning('id').executeTakeFirstOrThrow();

export const updateReply = (db: Kysely<DB>, id: number, values: Partial<Omit<SavedReplyTable, 'id' | 'created_at'>>) =>
  db.updateTable('saved_replies').set(values).where('id', '=', id).execute();

export const deleteReply = (db: Kysely<DB>, id: number) => db.deleteFrom('saved_replies').where('id', '=', id).execute();
