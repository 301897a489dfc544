// Each durable consumer's cursor and lease, in the event_consumers table. The
// changes are commands, so that on SQLite they take the one write path with
// everything else; a lease is taken, kept and handed back by conditional
// updates, so that two instances asking at once cannot both win.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { now } from '../kernel/clock';
import { defineCommand } from '../kernel/context';
import { lastEventId } from './positions';

const later = (ms: number) => new Date(Date.now() + ms).toISOString();

/** Takes the consumer's lease when it is free, expired or already ours; answers where to continue from, or null when another instance holds it. */
export const claimLease = defineCommand(
  'events.claimLease',
  async (ctx, { name, owner, leaseMs, startAt }: { name: string; owner: string; leaseMs: number; startAt: 'beginning' | 'now' }) => {
    const at = now();
    const start = startAt === 'now' ? await lastEventId(ctx.db, ctx.dialect) : 0;
    await ctx.db
      .insertInto('event_consumers')
      .values({ name, position: start, lease_owner: null, lease_until: null, attempts: 0, last_error: null, updated_at: at })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
    const taken = await ctx.db
      .updateTable('event_consumers')
      .set({ lease_owner: owner, lease_until: later(leaseMs), updated_at: at })
      .where('name', '=', name)
      .where((eb) => eb.or([eb('lease_owner', '=', owner), eb('lease_owner', 'is', null), eb('lease_until', '<', at)]))
      .executeTakeFirst();
    if (Number(taken.numUpdatedRows) !== 1) return null;
    const row = await ctx.db
      .selectFrom('event_consumers')
      .select(['position', 'attempts'])
      .where('name', '=', name)
      .executeTakeFirstOrThrow();
    return { position: Number(row.position), attempts: row.attempts };
  },
);

/** Moves the cursor past the events handled, and extends the lease; false when the lease was lost (another instance took over). */
export const advanceCursor = defineCommand(
  'events.advanceCursor',
  async (ctx, { name, owner, position, leaseMs }: { name: string; owner: string; position: number; leaseMs: number }) => {
    const moved = await ctx.db
      .updateTable('event_consumers')
      .set({ position, attempts: 0, last_error: null, lease_until: later(leaseMs), updated_at: now() })
      .where('name', '=', name)
      .where('lease_owner', '=', owner)
      .executeTakeFirst();
    return Number(moved.numUpdatedRows) === 1;
  },
);

/** Extends the lease while the consumer works; false when it was lost. */
export const renewLease = defineCommand(
  'events.renewLease',
  async (ctx, { name, owner, leaseMs }: { name: string; owner: string; leaseMs: number }) => {
    const renewed = await ctx.db
      .updateTable('event_consumers')
      .set({ lease_until: later(leaseMs), updated_at: now() })
      .where('name', '=', name)
      .where('lease_owner', '=', owner)
      .executeTakeFirst();
    return Number(renewed.numUpdatedRows) === 1;
  },
);

/** Counts a failed attempt at the next event, with its error, for whoever looks at the table. */
export const recordFailure = defineCommand(
  'events.recordFailure',
  async (ctx, { name, owner, error }: { name: string; owner: string; error: string }) => {
    await ctx.db
      .updateTable('event_consumers')
      .set((eb) => ({ attempts: eb('attempts', '+', 1), last_error: error.slice(0, 2000), updated_at: now() }))
      .where('name', '=', name)
      .where('lease_owner', '=', owner)
      .execute();
  },
);

/** Hands the lease back on a clean stop, so that another instance takes over at once. */
export const releaseLease = defineCommand('events.releaseLease', async (ctx, { name, owner }: { name: string; owner: string }) => {
  await ctx.db
    .updateTable('event_consumers')
    .set({ lease_owner: null, lease_until: null, updated_at: now() })
    .where('name', '=', name)
    .where('lease_owner', '=', owner)
    .execute();
});

export const cursorCommands = [claimLease, advanceCursor, renewLease, recordFailure, releaseLease];

/** Where each consumer is, for tests and for whoever watches the stream. */
export function consumerPositions(db: Kysely<DB>) {
  return db
    .selectFrom('event_consumers')
    .select(['name', 'position', 'lease_owner', 'lease_until', 'attempts', 'last_error'])
    .orderBy('name')
    .execute();
}
