// Routing: who owns a conversation a customer starts (on the storefront, or
// through the store's integration). The customer's sales representative, or
// the nearest parent customer's; else the default owner set in Settings;
// else nobody (the grid's Unassigned view).
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import type { BackofficeUserActor } from '../kernel/actor';
import { now } from '../kernel/clock';
import { defineCommand, type Ctx } from '../kernel/context';
import { AppError, invalidFields } from '../kernel/errors';
import { findBackofficeUser, personName, salesRepFor } from '../people';

const DEFAULT_OWNER = 'default_owner_id';

async function defaultOwnerId(db: Kysely<DB>): Promise<number | null> {
  const row = await db.selectFrom('conversation_settings').select('value').where('name', '=', DEFAULT_OWNER).executeTakeFirst();
  return row?.value ? Number(row.value) : null;
}

/** The owner of a conversation this customer starts; a deactivated default owner is nobody. */
export async function routedOwner(db: Kysely<DB>, customerId: number): Promise<number | null> {
  const rep = await salesRepFor(db, customerId);
  if (rep !== null) return rep;
  const fallback = await defaultOwnerId(db);
  return fallback !== null && (await findBackofficeUser(db, fallback)) ? fallback : null;
}

export async function routingSettings(ctx: Ctx<BackofficeUserActor>) {
  const id = await defaultOwnerId(ctx.db);
  const user = id === null ? undefined : await findBackofficeUser(ctx.db, id);
  return { defaultOwner: user ? { id: user.id, name: personName(user.first_name, user.last_name) } : null };
}

const setDefaultOwner = defineCommand('conversations.setDefaultOwner', async (ctx, { ownerId }: { ownerId: number | null }) => {
  const value = ownerId === null ? null : String(ownerId);
  const at = now();
  await ctx.db
    .insertInto('conversation_settings')
    .values({ name: DEFAULT_OWNER, value, updated_at: at })
    .onConflict((oc) => oc.column('name').doUpdateSet({ value, updated_at: at }))
    .execute();
});

/** Settings > Routing (Administrator): the owner of conversations whose customer has no sales representative. */
export async function updateRoutingSettings(ctx: Ctx<BackofficeUserActor>, input: { defaultOwnerId: number | null }) {
  if (ctx.actor.role !== 'administrator') throw new AppError('FORBIDDEN', 'Only an Administrator may change the routing settings.');
  if (input.defaultOwnerId !== null && !(await findBackofficeUser(ctx.db, input.defaultOwnerId))) {
    throw invalidFields({ defaultOwnerId: 'Choose an existing back-office user.' });
  }
  await ctx.write(setDefaultOwner, { ownerId: input.defaultOwnerId });
  return routingSettings(ctx);
}

export const routingCommands = [setDefaultOwner];
