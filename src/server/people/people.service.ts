import type { Ctx } from '../kernel/context';
import { defineCommand } from '../kernel/context';
import type { BackofficeUserActor } from '../kernel/actor';
import { now } from '../kernel/clock';
import { AppError, notFound } from '../kernel/errors';
import * as repo from './people.repo';
import { personName, presentCustomer, presentCustomerUser } from './people.present';

export async function getCustomer(ctx: Ctx, id: number) {
  const row = await repo.findCustomer(ctx.db, id);
  if (!row) throw notFound('CUSTOMER_NOT_FOUND', 'Customer');
  return presentCustomer(row);
}

export async function listCustomers(ctx: Ctx, q: string | undefined, limit: number, offset: number) {
  const { items, total } = await repo.searchCustomers(ctx.db, ctx.dialect, q, limit, offset);
  return { items: items.map(presentCustomer), total };
}

export async function getCustomerUser(ctx: Ctx, id: number) {
  const row = await repo.findCustomerUser(ctx.db, id);
  if (!row) throw notFound('CUSTOMER_USER_NOT_FOUND', 'Customer user');
  return presentCustomerUser(row);
}

/** Customer users by name, email or customer; `customerTreeOf`: those of the whole tree that customer belongs to. */
export async function listCustomerUsers(
  ctx: Ctx,
  filter: { q?: string | undefined; customerId?: number | undefined; customerTreeOf?: number | undefined },
  limit: number,
  offset: number,
) {
  const { customerTreeOf, ...rest } = filter;
  const customerIds = customerTreeOf === undefined ? undefined : await repo.customerTreeIds(ctx.db, customerTreeOf);
  const { items, total } = await repo.searchCustomerUsers(ctx.db, ctx.dialect, { ...rest, customerIds }, limit, offset);
  return { items: items.map(presentCustomerUser), total };
}

/** The customer users of these customers (not deleted), by name: the storefront's colleagues to add. */
export async function listCustomerUsersOf(ctx: Ctx, customerIds: number[], q: string | undefined, limit: number) {
  const { items } = await repo.searchCustomerUsers(ctx.db, ctx.dialect, { q, customerIds }, limit, 0);
  return items.map(presentCustomerUser);
}

export async function listBackofficeUsers(ctx: Ctx) {
  const rows = await repo.listBackofficeUsers(ctx.db);
  return rows.map((u) => ({ id: u.id, email: u.email, name: personName(u.first_name, u.last_name), role: u.role }));
}

const anonymiseCustomerUser = defineCommand('people.deleteCustomerUser', async (ctx, { id }: { id: number }) => {
  const row = await repo.findCustomerUser(ctx.db, id);
  if (!row || row.deleted_at) throw notFound('CUSTOMER_USER_NOT_FOUND', 'Customer user');
  await repo.anonymiseCustomerUser(ctx.db, id, now());
  // their sessions end (accounts consumes this), their messages stay
  await ctx.emit({
    type: 'customer_user.deleted',
    conversationId: null,
    customerId: row.customer_id,
    customerUserId: id,
    payload: { customerUserId: id },
  });
});

/** Inside a command: a back-office user was deactivated; accounts ends their sessions, realtime closes their sockets, on every instance. */
export const emitDeactivated = (ctx: Ctx, backofficeUserId: number) =>
  ctx.emit({
    type: 'backoffice_user.deactivated',
    conversationId: null,
    customerId: null,
    customerUserId: null,
    payload: { backofficeUserId },
  });

/**
 * Deleting a customer user keeps their conversations and messages; they show
 * as "Deleted user" from then on.
 */
export async function deleteCustomerUser(ctx: Ctx<BackofficeUserActor>, id: number) {
  if (ctx.actor.role !== 'administrator') throw new AppError('FORBIDDEN', 'Only an Administrator may delete customer users.');
  await removeCustomerUser(ctx, id);
}

/** The same, for a caller that has checked who may (the store's token, by its scope). */
export const removeCustomerUser = (ctx: Ctx, id: number) => ctx.write(anonymiseCustomerUser, { id });

export const peopleCommands = [anonymiseCustomerUser];
