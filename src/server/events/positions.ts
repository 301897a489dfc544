// Where an event stands in the stream, and up to where the stream is settled.
//
// Readers (the live feed, replays, durable consumers) follow the stream by
// one number, the event id, and must never pass an event that commits later
// below it. SQLite has one writer, so ids follow commit order by themselves.
// On PostgreSQL, many transactions commit at once; holding one lock from an
// event's id to the end of its commit made them queue through every WAL
// flush. Instead, an event's id there is its position in *transaction* order:
//
//   id = base + (transaction id << 16) + n      (n: its index in the transaction)
//
// and a reader reads only below the *horizon*: base + (the oldest transaction
// still running << 16), taken from the snapshot. Every transaction below the
// horizon has ended, so no event can ever appear below it later; nothing
// waits for another transaction's commit. (base lies above the ids given out
// before this scheme, so old events stay first.)
//
// Transaction ids are handed out when a transaction first writes. Two
// transactions on one conversation must get theirs in the order they commit,
// so each command takes the conversation's order lock before its first write
// (`lockConversationOrder`): the one that waits gets its transaction id after
// the other has committed.
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../db/database';
import type { DB } from '../db/schema';

export const EVENTS_PER_TRANSACTION_BITS = 16;
export const EVENTS_PER_TRANSACTION = 2 ** EVENTS_PER_TRANSACTION_BITS;

/** the first number of the two-number advisory lock keys that order a conversation's events */
export const ORDER_LOCK_SPACE = 7305;

/** Outside production a lock taken after the transaction's first write is refused: its order would not hold. */
const CHECK_LOCK_ORDER = process.env.NODE_ENV !== 'production';

/** How long the horizon may stand still before readers look past other databases' transactions (which costs more to compute). */
const STILL_MS = 100;
const horizonSeen = new WeakMap<Kysely<DB>, { horizon: number; since: number }>();

/**
 * PostgreSQL: whether the next horizon should pass over other databases'
 * transactions, and a function to call with the plain horizon read then.
 * Normally the plain one (the oldest transaction of the whole server) moves
 * every few milliseconds; once it has stood still for a while, a long
 * transaction holds it, perhaps another database's.
 */
function horizonMode(db: Kysely<DB>) {
  const seen = horizonSeen.get(db);
  return {
    passOverOthers: seen !== undefined && Date.now() - seen.since > STILL_MS,
    observed(plain: number) {
      if (seen?.horizon !== plain) horizonSeen.set(db, { horizon: plain, since: Date.now() });
    },
  };
}

/**
 * PostgreSQL: the horizon as a one-row derived table `h (plain, horizon)` for
 * a reader's query, so it comes from the same snapshot as what is read; and
 * the settled head, from the row the query answers (`h.plain::text as plain,
 * h.horizon::text as horizon`).
 */
export function horizonTable(db: Kysely<DB>) {
  const mode = horizonMode(db);
  return {
    from: sql`(select parley_event_horizon(false) as plain, parley_event_horizon(${mode.passOverOthers}) as horizon) h`,
    settledUpTo(row: { plain: string; horizon: string }) {
      mode.observed(Number(row.plain));
      return Number(row.horizon) - 1;
    },
  };
}

/** Every event at or below this id has committed, and none will appear at or below it later. */
export async function lastEventId(db: Kysely<DB>, dialect: Dialect): Promise<number> {
  if (dialect === 'postgres') {
    const h = horizonTable(db);
    const { rows } = await sql<{
      plain: string;
      horizon: string;
    }>`select h.plain::text as plain, h.horizon::text as horizon from ${h.from}`.execute(db);
    return h.settledUpTo(rows[0]!);
  }
  const row = await db
    .selectFrom('events')
    .select((eb) => eb.fn.max('id').as('id'))
    .executeTakeFirst();
  return Number(row?.id ?? 0);
}

/** About how many events lie between two ids (on PostgreSQL ids are sparse: about one transaction per 2^16). */
export function eventsBetween(dialect: Dialect, fromId: number, toId: number): number {
  const distance = Math.max(0, toId - fromId);
  return dialect === 'postgres' ? Math.ceil(distance / EVENTS_PER_TRANSACTION) : distance;
}

/**
 * Inside a command, before its first write: on PostgreSQL, waits for the
 * transactions writing these conversations' events to end, so that this
 * one's events follow theirs (see above). Locks are taken in id order, so two
 * commands locking several conversations cannot deadlock. Nothing on SQLite.
 */
export async function lockConversationOrder(trx: Kysely<DB>, dialect: Dialect, conversationIds: readonly number[]): Promise<void> {
  if (dialect !== 'postgres' || conversationIds.length === 0) return;
  const ids = [...new Set(conversationIds)].sort((a, b) => a - b);
  // the sorted subquery is not flattened (it sorts), so the locks are taken in its order; count(*) takes them all
  const { rows } = await sql<{ assigned: string | null }>`
    select pg_current_xact_id_if_assigned()::text as assigned, count(*) as locked
    from (select pg_advisory_xact_lock(${ORDER_LOCK_SPACE}, s.id) from (select unnest(${ids}::int[]) as id order by 1) s) locks`.execute(
    trx,
  );
  refuseLateOrderLock(rows[0]?.assigned ?? null);
}

/** Fails (outside production) when a transaction already had its id as it took an order lock (see above). */
export function refuseLateOrderLock(transactionIdThen: string | null) {
  if (CHECK_LOCK_ORDER && transactionIdThen !== null) {
    throw new Error('lockConversationOrder after the first write: the events of this transaction could be ordered before earlier ones');
  }
}
