import type { Insertable, Kysely } from 'kysely';
import type { Dialect } from '../db/database';
import type { DB } from '../db/schema';
import { containsText } from '../db/text';
import type { BackofficeUserTable, CustomerTable, CustomerUserTable } from './people.table';

/** A customer and all its sub-customers, at any depth. */
export async function descendantCustomerIds(db: Kysely<DB>, rootId: number): Promise<number[]> {
  const ids = [rootId];
  let frontier = [rootId];
  while (frontier.length > 0 && ids.length < 100_000) {
    const children = await db.selectFrom('customers').select('id').where('parent_id', 'in', frontier).execute();
    frontier = children.map((c) => c.id).filter((id) => !ids.includes(id));
    ids.push(...frontier);
  }
  return ids;
}

/** Every customer of the tree this customer belongs to: its topmost ancestor and all below it. */
export async function customerTreeIds(db: Kysely<DB>, customerId: number): Promise<number[]> {
  let root = customerId;
  for (let depth = 0; depth < 32; depth++) {
    const row = await db.selectFrom('customers').select('parent_id').where('id', '=', root).executeTakeFirst();
    if (!row || row.parent_id === null) break;
    root = row.parent_id;
  }
  return descendantCustomerIds(db, root);
}

export function findCustomer(db: Kysely<DB>, id: number) {
  return customerQuery(db).where('c.id', '=', id).executeTakeFirst();
}

function customerQuery(db: Kysely<DB>) {
  return db
    .selectFrom('customers as c')
    .leftJoin('customers as parent', 'parent.id', 'c.parent_id')
    .leftJoin('backoffice_users as rep', 'rep.id', 'c.sales_rep_id')
    .select([
      'c.id',
      'c.name',
      'c.created_at',
      'parent.id as parent_id',
      'parent.name as parent_name',
      'rep.id as rep_id',
      'rep.first_name as rep_first_name',
      'rep.last_name as rep_last_name',
    ]);
}

export async function searchCustomers(db: Kysely<DB>, dialect: Dialect, q: string | undefined, limit: number, offset: number) {
  let query = customerQuery(db);
  if (q) query = query.where(containsText(dialect, 'c.name', q));
  const count = db.selectFrom('customers as c').select((eb) => eb.fn.countAll<number>().as('n'));
  const [items, total] = await Promise.all([
    query.orderBy('c.name').orderBy('c.id').limit(limit).offset(offset).execute(),
    (q ? count.where(containsText(dialect, 'c.name', q)) : count).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

export type CustomerQueryRow = NonNullable<Awaited<ReturnType<typeof findCustomer>>>;

function customerUserQuery(db: Kysely<DB>) {
  return db
    .selectFrom('customer_users as u')
    .innerJoin('customers as c', 'c.id', 'u.customer_id')
    .select([
      'u.id',
      'u.email',
      'u.first_name',
      'u.last_name',
      'u.role',
      'u.deleted_at',
      'u.created_at',
      'u.customer_id',
      'c.name as customer_name',
    ]);
}

export function findCustomerUser(db: Kysely<DB>, id: number) {
  return customerUserQuery(db).where('u.id', '=', id).executeTakeFirst();
}

export type CustomerUserQueryRow = NonNullable<Awaited<ReturnType<typeof findCustomerUser>>>;

export async function searchCustomerUsers(
  db: Kysely<DB>,
  dialect: Dialect,
  filter: { q?: string | undefined; customerId?: number | undefined; customerIds?: number[] | undefined },
  limit: number,
  offset: number,
) {
  const where = <Q extends ReturnType<typeof customerUserQuery>>(query: Q): Q => {
    let out = query.where('u.deleted_at', 'is', null) as Q;
    if (filter.customerId) out = out.where('u.customer_id', '=', filter.customerId) as Q;
    if (filter.customerIds) out = out.where('u.customer_id', 'in', filter.customerIds.length ? filter.customerIds : [0]) as Q;
    if (filter.q) {
      const q = filter.q;
      out = out.where((eb) =>
        eb.or([
          containsText(dialect, 'u.first_name', q)(eb),
          containsText(dialect, 'u.last_name', q)(eb),
          containsText(dialect, 'u.email', q)(eb),
          containsText(dialect, 'c.name', q)(eb),
        ]),
      ) as Q;
    }
    return out;
  };
  const [items, total] = await Promise.all([
    where(customerUserQuery(db)).orderBy('u.first_name').orderBy('u.last_name').orderBy('u.id').limit(limit).offset(offset).execute(),
    where(customerUserQuery(db))
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

/** The sales representative of the customer, or of the nearest parent that has one. */
export async function salesRepFor(db: Kysely<DB>, customerId: number): Promise<number | null> {
  let id: number | null = customerId;
  for (let depth = 0; id !== null && depth < 32; depth++) {
    const row = await db.selectFrom('customers').select(['parent_id', 'sales_rep_id']).where('id', '=', id).executeTakeFirst();
    if (!row) return null;
    if (row.sales_rep_id !== null) return row.sales_rep_id;
    id = row.parent_id;
  }
  return null;
}

export function listBackofficeUsers(db: Kysely<DB>) {
  return db.selectFrom('backoffice_users').select(['id', 'email', 'first_name', 'last_name', 'role']).orderBy('first_name').execute();
}

export function findBackofficeUser(db: Kysely<DB>, id: number) {
  return db
    .selectFrom('backoffice_users')
    .select(['id', 'email', 'first_name', 'last_name', 'role'])
    .where('id', '=', id)
    .where('deactivated_at', 'is', null)
    .executeTakeFirst();
}

/** Keeps the row (their messages still point at it) but forgets who they were. */
export async function anonymiseCustomerUser(db: Kysely<DB>, id: number, at: string) {
  await db
    .updateTable('customer_users')
    .set({
      deleted_at: at,
      updated_at: at,
      email: `deleted-${id}@deleted.invalid`,
      first_name: '',
      last_name: '',
      password_hash: '!',
      // the store may make a new customer user with this id
      external_id: null,
    })
    .where('id', '=', id)
    .execute();
}

/** A customer user who may sign in, by email. */
export function findCustomerUserByEmail(db: Kysely<DB>, email: string) {
  return db
    .selectFrom('customer_users')
    .selectAll()
    .where('email', '=', email.toLowerCase())
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

export function findBackofficeUserByEmail(db: Kysely<DB>, email: string) {
  return db
    .selectFrom('backoffice_users')
    .selectAll()
    .where('email', '=', email.toLowerCase())
    .where('deactivated_at', 'is', null)
    .executeTakeFirst();
}

export async function insertBackofficeUser(db: Kysely<DB>, row: Insertable<BackofficeUserTable>) {
  return (await db.insertInto('backoffice_users').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function insertCustomer(db: Kysely<DB>, row: Insertable<CustomerTable>) {
  return (await db.insertInto('customers').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function insertCustomerUser(db: Kysely<DB>, row: Insertable<CustomerUserTable>) {
  return (await db.insertInto('customer_users').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

/** Whether the directory holds anyone yet (the demo data is seeded into an empty one). */
export async function hasCustomers(db: Kysely<DB>) {
  return (await db.selectFrom('customers').select('id').limit(1).executeTakeFirst()) !== undefined;
}

// ---------------------------------------------------------------- staff (Settings > Users) and passwords

function staffQuery(db: Kysely<DB>) {
  return db
    .selectFrom('backoffice_users')
    .select(['id', 'email', 'first_name', 'last_name', 'role', 'deactivated_at', 'password_hash', 'external_id', 'created_at']);
}
export type StaffRow = NonNullable<Awaited<ReturnType<typeof findStaff>>>;

/** Every back-office user, deactivated ones too. */
export const listStaff = (db: Kysely<DB>) => staffQuery(db).orderBy('first_name').orderBy('last_name').orderBy('id').execute();

export const findStaff = (db: Kysely<DB>, id: number) => staffQuery(db).where('id', '=', id).executeTakeFirst();

export const findStaffByEmail = (db: Kysely<DB>, email: string) =>
  staffQuery(db).where('email', '=', email.toLowerCase()).executeTakeFirst();

export async function updateStaff(
  db: Kysely<DB>,
  id: number,
  change: { role?: BackofficeUserTable['role']; deactivated_at?: string | null },
) {
  await db.updateTable('backoffice_users').set(change).where('id', '=', id).execute();
}

/** Sets a user's password hash, on either side. */
export async function setPasswordHash(db: Kysely<DB>, side: 'storefront' | 'backoffice', id: number, passwordHash: string) {
  const table = side === 'storefront' ? 'customer_users' : 'backoffice_users';
  await db.updateTable(table).set({ password_hash: passwordHash }).where('id', '=', id).execute();
}

/** A user's password hash, to check their current password before a change. */
export function passwordHashOf(db: Kysely<DB>, side: 'storefront' | 'backoffice', id: number) {
  const table = side === 'storefront' ? 'customer_users' : 'backoffice_users';
  return db.selectFrom(table).select('password_hash').where('id', '=', id).executeTakeFirst();
}
