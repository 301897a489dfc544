import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import type { InboundMailTable } from './inbound.table';

export const insertInbound = (db: Kysely<DB>, row: Omit<InboundMailTable, 'id'>) => db.insertInto('inbound_mails').values(row).execute();

export const wasPosted = async (db: Kysely<DB>, messageId: string) =>
  (await db
    .selectFrom('inbound_mails')
    .select('id')
    .where('message_id', '=', messageId)
    .where('outcome', 'in', ['posted', 'duplicate'])
    .limit(1)
    .executeTakeFirst()) !== undefined;

export async function countSince(db: Kysely<DB>, sender: string, since: string) {
  const row = await db
    .selectFrom('inbound_mails')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('sender', '=', sender)
    .where('received_at', '>=', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
