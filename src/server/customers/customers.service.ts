import type { Ctx, Deps } from '../context';
import { commit } from '../context';
import { now } from '../db/time';
import { AppError, notFound } from '../http/errors';
import * as repo from './customers.repo';
import { personName, presentCustomer, presentCustomerUser } from './customers.present';

export async function getCustomer(deps: Deps, id: number) {
  const row = await repo.findCustomer(deps.db, id);
  if (!row) throw notFound('CUSTOMER_NOT_FOUND', 'Customer');
  return presentCustomer(row);
}

export async function listCustomers(deps: Deps, q: string | undefined, limit: number, offset: number) {
  const { items, total } = await repo.searchCustomers(deps.db, deps.dialect, q, limit, offset);
  return { items: items.map(presentCustomer), total };
}

export async function getCustomerUser(deps: Deps, id: number) {
  const row = await repo.findCustomerUser(deps.db, id);
  if (!row) throw notFound('CUSTOMER_USER_NOT_FOUND', 'Customer user');
  return presentCustomerUser(row);
}

export async function listCustomerUsers(
  deps: Deps,
  filter: { q?: string | undefined; customerId?: number | undefined },
  limit: number,
  offset: number,
) {
  const { items, total } = await repo.searchCustomerUsers(deps.db, deps.dialect, filter, limit, offset);
  return { items: items.map(presentCustomerUser), total };
}

export async function listBackofficeUsers(deps: Deps) {
  const rows = await repo.listBackofficeUsers(deps.db);
  return rows.map((u) => ({ id: u.id, email: u.email, name: personName(u.first_name, u.last_name), role: u.role }));
}

/**
 * Deleting a customer user keeps their conversations and messages; they show
 * as "Deleted user" from then on.
 */
export async function deleteCustomerUser(ctx: Ctx, id: number) {
  if (ctx.actor.side !== 'backoffice' || ctx.actor.role !== 'administrator') {
    throw new AppError('FORBIDDEN', 'Only an Administrator may delete customer users.');
  }
  await commit(ctx, async (trx) => {
    const row = await repo.findCustomerUser(trx, id);
    if (!row || row.deleted_at) throw notFound('CUSTOMER_USER_NOT_FOUND', 'Customer user');
    await repo.anonymiseCustomerUser(trx, id, now());
  });
}
