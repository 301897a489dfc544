// The people as the store's sync API sees them: keyed by the store's ids
// (external_id), upserted inside the integration's commands, listed by change.
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type {
  BackofficeUserUpsert,
  CustomerUpsert,
  CustomerUserUpsert,
  SyncBackofficeUser,
  SyncCustomer,
  SyncCustomerUser,
} from '../../shared/integration';
import type { DB } from '../db/schema';
import { externalReader } from '../db/keyset';
import { now } from '../kernel/clock';
import type { Ctx } from '../kernel/context';
import { AppError, badCursor, invalidFields } from '../kernel/errors';
import { emitDeactivated } from './people.service';

export type Upserted = { outcome: 'created' | 'updated' | 'unchanged'; id: number };
export interface SyncListInput {
  updatedSince?: string | undefined;
  cursor?: string | undefined;
  limit: number;
}

/** A page of a sync list, or VALIDATION_FAILED for a cursor that is not ours. */
async function pageOrRefuse<V>(page: Promise<V | undefined>): Promise<V> {
  const found = await page;
  if (!found) throw badCursor();
  return found;
}

// ---------------------------------------------------------------- customers

function customerQuery(db: Kysely<DB>) {
  return db
    .selectFrom('customers as c')
    .leftJoin('customers as parent', 'parent.id', 'c.parent_id')
    .leftJoin('backoffice_users as rep', 'rep.id', 'c.sales_rep_id')
    .select(['c.id', 'c.external_id', 'c.name', 'c.parent_id', 'c.sales_rep_id', 'c.created_at', 'c.updated_at'])
    .select(['parent.external_id as parent_external_id', 'rep.email as rep_email']);
}
type CustomerRow = Awaited<ReturnType<ReturnType<typeof customerQuery>['executeTakeFirstOrThrow']>>;

const presentCustomer = (r: CustomerRow): z.infer<typeof SyncCustomer> => ({
  externalId: r.external_id ?? '',
  id: r.id,
  name: r.name,
  parentExternalId: r.parent_external_id,
  salesRepEmail: r.rep_email,
  createdAt: r.created_at,
  updatedAt: r.updated_at ?? r.created_at,
});

const syncCustomerReader = (db: Kysely<DB>) => externalReader('c', () => customerQuery(db), presentCustomer);

export const syncCustomer = (db: Kysely<DB>, externalId: string) => syncCustomerReader(db).one(externalId);

export const listSyncCustomers = (db: Kysely<DB>, input: SyncListInput) => pageOrRefuse(syncCustomerReader(db).page(input));

/** The id of the customer with this externalId. */
export async function customerIdOf(db: Kysely<DB>, externalId: string) {
  return (await db.selectFrom('customers').select('id').where('external_id', '=', externalId).executeTakeFirst())?.id;
}

async function backofficeUserIdByEmail(db: Kysely<DB>, email: string) {
  return (
    await db
      .selectFrom('backoffice_users')
      .select('id')
      .where('email', '=', email.toLowerCase())
      .where('deactivated_at', 'is', null)
      .executeTakeFirst()
  )?.id;
}

/** Inside a command: creates or changes the customer with this externalId; the same values again change nothing. */
export async function upsertCustomer(ctx: Ctx, externalId: string, input: z.infer<typeof CustomerUpsert>): Promise<Upserted> {
  const existing = await ctx.db.selectFrom('customers').selectAll().where('external_id', '=', externalId).executeTakeFirst();
  let parentId: number | null = null;
  if (input.parentExternalId) {
    parentId = (await customerIdOf(ctx.db, input.parentExternalId)) ?? null;
    if (parentId === null) throw invalidFields({ parentExternalId: 'No customer has this externalId.' });
    // a customer may not be its own ancestor (a new one is nobody's yet)
    for (let id: number | null = existing ? parentId : null, depth = 0; id !== null && depth < 64; depth++) {
      if (existing && id === existing.id) throw invalidFields({ parentExternalId: 'A customer cannot be its own parent or ancestor.' });
      id = (await ctx.db.selectFrom('customers').select('parent_id').where('id', '=', id).executeTakeFirst())?.parent_id ?? null;
    }
  }
  let salesRepId: number | null = null;
  if (input.salesRepEmail) {
    salesRepId = (await backofficeUserIdByEmail(ctx.db, input.salesRepEmail)) ?? null;
    if (salesRepId === null) throw invalidFields({ salesRepEmail: 'No active back-office user has this email.' });
  }
  const values = { name: input.name, parent_id: parentId, sales_rep_id: salesRepId };
  const at = now();
  if (!existing) {
    const { id } = await ctx.db
      .insertInto('customers')
      .values({ ...values, created_at: at, updated_at: at, external_id: externalId })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { outcome: 'created', id };
  }
  if (existing.name === values.name && existing.parent_id === parentId && existing.sales_rep_id === salesRepId) {
    return { outcome: 'unchanged', id: existing.id };
  }
  await ctx.db
    .updateTable('customers')
    .set({ ...values, updated_at: at })
    .where('id', '=', existing.id)
    .execute();
  return { outcome: 'updated', id: existing.id };
}

// ---------------------------------------------------------------- customer users

function customerUserQuery(db: Kysely<DB>) {
  return db
    .selectFrom('customer_users as u')
    .innerJoin('customers as c', 'c.id', 'u.customer_id')
    .select(['u.id', 'u.external_id', 'u.email', 'u.first_name', 'u.last_name', 'u.role', 'u.created_at', 'u.updated_at'])
    .select('c.external_id as customer_external_id')
    .where('u.deleted_at', 'is', null);
}
type CustomerUserRow = Awaited<ReturnType<ReturnType<typeof customerUserQuery>['executeTakeFirstOrThrow']>>;

const presentCustomerUser = (r: CustomerUserRow): z.infer<typeof SyncCustomerUser> => ({
  externalId: r.external_id ?? '',
  id: r.id,
  email: r.email,
  firstName: r.first_name,
  lastName: r.last_name,
  role: r.role,
  customerExternalId: r.customer_external_id,
  createdAt: r.created_at,
  updatedAt: r.updated_at ?? r.created_at,
});

const syncCustomerUserReader = (db: Kysely<DB>) => externalReader('u', () => customerUserQuery(db), presentCustomerUser);

export const syncCustomerUser = (db: Kysely<DB>, externalId: string) => syncCustomerUserReader(db).one(externalId);

export const listSyncCustomerUsers = (db: Kysely<DB>, input: SyncListInput) => pageOrRefuse(syncCustomerUserReader(db).page(input));

/** The customer user (not deleted) with this externalId: their id and customer. */
export function customerUserOf(db: Kysely<DB>, externalId: string) {
  return db
    .selectFrom('customer_users')
    .select(['id', 'customer_id', 'external_id'])
    .where('external_id', '=', externalId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

const emailTaken = (what: string, externalId: string | null) =>
  new AppError('EXTERNAL_ID_CONFLICT', `Another ${what} has this email.`, {
    email: externalId ? `The ${what} with externalId ${externalId} has this email.` : `A ${what} made in Parley has this email.`,
  });

/**
 * Inside a command: creates or changes the customer user with this externalId.
 * A customer user made in Parley (no externalId yet) with the same email is
 * adopted: it gets this externalId. Made here, they cannot sign in with a
 * password (the store hands them over).
 */
export async function upsertCustomerUser(ctx: Ctx, externalId: string, input: z.infer<typeof CustomerUserUpsert>): Promise<Upserted> {
  const customerId = await customerIdOf(ctx.db, input.customerExternalId);
  if (customerId === undefined) throw invalidFields({ customerExternalId: 'No customer has this externalId.' });
  const email = input.email.toLowerCase();
  // one query for both: the row of this externalId, and whoever has this email
  const rows = await ctx.db
    .selectFrom('customer_users')
    .selectAll()
    .where((eb) => eb.or([eb.and([eb('external_id', '=', externalId), eb('deleted_at', 'is', null)]), eb('email', '=', email)]))
    .execute();
  let existing = rows.find((r) => r.external_id === externalId && r.deleted_at === null);
  const sameEmail = rows.find((r) => r.email === email);
  if (sameEmail && sameEmail.id !== existing?.id) {
    if (existing || sameEmail.external_id !== null) throw emailTaken('customer user', sameEmail.external_id);
    existing = sameEmail;
  }
  const values = { customer_id: customerId, email, first_name: input.firstName, last_name: input.lastName, role: input.role };
  const at = now();
  if (!existing) {
    const { id } = await ctx.db
      .insertInto('customer_users')
      .values({ ...values, password_hash: '!', deleted_at: null, created_at: at, updated_at: at, external_id: externalId })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { outcome: 'created', id };
  }
  const same =
    existing.external_id === externalId &&
    existing.customer_id === customerId &&
    existing.email === email &&
    existing.first_name === values.first_name &&
    existing.last_name === values.last_name &&
    existing.role === values.role;
  if (same) return { outcome: 'unchanged', id: existing.id };
  await ctx.db
    .updateTable('customer_users')
    .set({ ...values, external_id: externalId, updated_at: at })
    .where('id', '=', existing.id)
    .execute();
  return { outcome: 'updated', id: existing.id };
}

// ---------------------------------------------------------------- back-office users

function backofficeUserQuery(db: Kysely<DB>) {
  return db
    .selectFrom('backoffice_users as b')
    .select([
      'b.id',
      'b.external_id',
      'b.email',
      'b.first_name',
      'b.last_name',
      'b.role',
      'b.deactivated_at',
      'b.created_at',
      'b.updated_at',
    ]);
}
type BackofficeUserRow = Awaited<ReturnType<ReturnType<typeof backofficeUserQuery>['executeTakeFirstOrThrow']>>;

const presentBackofficeUser = (r: BackofficeUserRow): z.infer<typeof SyncBackofficeUser> => ({
  externalId: r.external_id ?? '',
  id: r.id,
  email: r.email,
  firstName: r.first_name,
  lastName: r.last_name,
  role: r.role,
  active: r.deactivated_at === null,
  createdAt: r.created_at,
  updatedAt: r.updated_at ?? r.created_at,
});

const syncBackofficeUserReader = (db: Kysely<DB>) => externalReader('b', () => backofficeUserQuery(db), presentBackofficeUser);

export const syncBackofficeUser = (db: Kysely<DB>, externalId: string) => syncBackofficeUserReader(db).one(externalId);

export const listSyncBackofficeUsers = (db: Kysely<DB>, input: SyncListInput) => pageOrRefuse(syncBackofficeUserReader(db).page(input));

/** An active back-office user by externalId or email, as the actor who writes an integration's message. */
export async function activeBackofficeUser(db: Kysely<DB>, who: { externalId: string } | { email: string }) {
  const query = db.selectFrom('backoffice_users').select(['id', 'first_name', 'last_name', 'role']).where('deactivated_at', 'is', null);
  return (
    'email' in who ? query.where('email', '=', who.email.toLowerCase()) : query.where('external_id', '=', who.externalId)
  ).executeTakeFirst();
}

/** Inside a command: creates or changes the back-office user with this externalId (adopting one of the same email made in Parley). */
export async function upsertBackofficeUser(ctx: Ctx, externalId: string, input: z.infer<typeof BackofficeUserUpsert>): Promise<Upserted> {
  const email = input.email.toLowerCase();
  const rows = await ctx.db
    .selectFrom('backoffice_users')
    .selectAll()
    .where((eb) => eb.or([eb('external_id', '=', externalId), eb('email', '=', email)]))
    .execute();
  let existing = rows.find((r) => r.external_id === externalId);
  const sameEmail = rows.find((r) => r.email === email);
  if (sameEmail && sameEmail.id !== existing?.id) {
    if (existing || sameEmail.external_id !== null) throw emailTaken('back-office user', sameEmail.external_id);
    existing = sameEmail;
  }
  const at = now();
  const values = { email, first_name: input.firstName, last_name: input.lastName, role: input.role };
  if (!existing) {
    const { id } = await ctx.db
      .insertInto('backoffice_users')
      .values({
        ...values,
        password_hash: '!',
        created_at: at,
        updated_at: at,
        external_id: externalId,
        deactivated_at: input.active ? null : at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { outcome: 'created', id };
  }
  const same =
    existing.external_id === externalId &&
    existing.email === email &&
    existing.first_name === values.first_name &&
    existing.last_name === values.last_name &&
    existing.role === values.role &&
    (existing.deactivated_at === null) === input.active;
  if (same) return { outcome: 'unchanged', id: existing.id };
  await ctx.db
    .updateTable('backoffice_users')
    .set({ ...values, external_id: externalId, updated_at: at, deactivated_at: input.active ? null : (existing.deactivated_at ?? at) })
    .where('id', '=', existing.id)
    .execute();
  if (!input.active && existing.deactivated_at === null) await emitDeactivated(ctx, existing.id);
  return { outcome: 'updated', id: existing.id };
}
