import type { Insertable, Kysely } from 'kysely';
import type { RecordType } from '../../shared/api';
import type { Dialect } from '../db/database';
import type { DB } from '../db/schema';
import { containsText } from '../db/text';
import type { CommerceRecordTable } from './records.table';

export function selectRecords(db: Kysely<DB>) {
  return db
    .selectFrom('commerce_records as r')
    .innerJoin('customers as c', 'c.id', 'r.customer_id')
    .innerJoin('customer_users as u', 'u.id', 'r.customer_user_id')
    .select([
      'r.id',
      'r.type',
      'r.number',
      'r.status',
      'r.total',
      'r.currency',
      'r.customer_id',
      'r.customer_user_id',
      'r.created_at',
      'r.updated_at',
      'c.name as customer_name',
      'u.first_name as u_first_name',
      'u.last_name as u_last_name',
      'u.deleted_at as u_deleted_at',
    ])
    .where('r.deleted_at', 'is', null);
}

export type RecordQueryRow = Awaited<ReturnType<ReturnType<typeof selectRecords>['executeTakeFirstOrThrow']>>;

export function findRecord(db: Kysely<DB>, id: number) {
  return selectRecords(db).where('r.id', '=', id).executeTakeFirst();
}

export interface RecordFilter {
  type?: RecordType | undefined;
  customerUserId?: number | undefined;
  customerIds?: number[] | undefined;
  customerId?: number | undefined;
  q?: string | undefined;
}

export async function searchRecords(db: Kysely<DB>, dialect: Dialect, filter: RecordFilter, limit: number, offset: number) {
  let query = selectRecords(db);
  if (filter.type) query = query.where('r.type', '=', filter.type);
  if (filter.customerUserId) query = query.where('r.customer_user_id', '=', filter.customerUserId);
  if (filter.customerId) query = query.where('r.customer_id', '=', filter.customerId);
  if (filter.customerIds) query = query.where('r.customer_id', 'in', filter.customerIds);
  if (filter.q) query = query.where(containsText(dialect, 'r.number', filter.q));
  const [items, total] = await Promise.all([
    query.orderBy('r.created_at', 'desc').orderBy('r.id', 'desc').limit(limit).offset(offset).execute(),
    query
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

/** Marks a record deleted: it is never shown again, and its conversations let go of it (record.deleted). */
export function markRecordDeleted(db: Kysely<DB>, id: number, at: string) {
  // without its externalId, so that the store may make a new one with it
  return db.updateTable('commerce_records').set({ deleted_at: at, updated_at: at, external_id: null }).where('id', '=', id).execute();
}

export async function insertRecord(db: Kysely<DB>, row: Insertable<CommerceRecordTable>) {
  return (await db.insertInto('commerce_records').values(row).returning('id').executeTakeFirstOrThrow()).id;
}
