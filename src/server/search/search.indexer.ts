// SQLite: the messages written since the full-text index last caught up go
// into it in batches (search.migrations.ts, 021, says why), each batch one
// command on the write thread, so that FTS5 writes one segment for hundreds
// of posts instead of one for each. The `search.index` consumer runs them as
// posts come (message.created; a gather lets a stream of posts build up a
// batch); the app runs one at start for whatever was written without an event
// (the demo seed, the bench data). Until a message is indexed, search reads it
// from the messages table (search.repo.ts). PostgreSQL's index is kept in
// each write's transaction, so there this does nothing.
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../db/database';
import type { DB } from '../db/schema';
import type { EventPayload, StoredEvent } from '../../shared/events';
import type { Consumer } from '../events';
import type { SystemActor } from '../kernel/actor';
import { defineCommand, type Ctx } from '../kernel/context';
import { messageRow } from './search.migrations';

/** At most this many ids a command: a long backlog is indexed in several, so that posts between them are not held up. */
export const INDEX_BATCH = 5_000;

/** Indexes the messages after the index's progress, up to INDEX_BATCH ids of them; whether any are left, and how far the index now reaches. */
export async function indexPendingMessages(db: Kysely<DB>, dialect: Dialect): Promise<{ indexed: number; more: boolean; upTo: number }> {
  if (dialect !== 'sqlite') return { indexed: 0, more: false, upTo: 0 };
  const progress = (
    await sql<{ upTo: number; last: number }>`select messages_up_to as "upTo", (select coalesce(max(id), 0) from messages) as "last"
      from search_progress`.execute(db)
  ).rows[0];
  if (!progress || progress.last <= progress.upTo) return { indexed: 0, more: false, upTo: progress?.upTo ?? 0 };
  const to = Math.min(progress.last, progress.upTo + INDEX_BATCH);
  const inserted = await sql`insert into messages_fts(rowid, body, scope) select ${sql.raw(messageRow('m'))}
    from messages m join conversations c on c.id = m.conversation_id where m.id > ${progress.upTo} and m.id <= ${to}`.execute(db);
  await sql`update search_progress set messages_up_to = ${to}`.execute(db);
  return { indexed: Number(inserted.numAffectedRows ?? 0), more: to < progress.last, upTo: to };
}

/** Indexes every message written since the index last caught up, a batch a transaction (the app's start, the bench data). */
export async function catchUpIndex(db: Kysely<DB>, dialect: Dialect): Promise<number> {
  if (dialect !== 'sqlite') return 0;
  let total = 0;
  for (;;) {
    const { indexed, more } = await db.transaction().execute((trx) => indexPendingMessages(trx, dialect));
    total += indexed;
    if (!more) return total;
  }
}

export const indexMessages = defineCommand('search.indexMessages', async (ctx, _args: Record<string, never>) =>
  indexPendingMessages(ctx.db, ctx.dialect),
);

export const searchCommands = [indexMessages];

/** Posts that come within this long of a batch wait for the next: search finds them meanwhile all the same. */
const GATHER_MS = 200;

/**
 * Puts new messages in the full-text index soon after their posts, in batches
 * (SQLite only: app.ts adds it there), at most one every GATHER_MS. The
 * consumer reads the events a page at a time and reads on while they keep
 * coming; a batch indexes every message written until then, so a page whose
 * messages are all indexed has nothing to do, and one with newer messages
 * waits until GATHER_MS after the last batch. Without these two rules each
 * later page indexed the few dozen posts that came meanwhile, each its own
 * FTS5 segment to write and merge: at 2,000,000 messages the server's
 * batches averaged 110 messages, 21.4 us each, where batches of 800 cost
 * 14 us a message.
 */
export function searchIndexConsumer(): Consumer {
  /** how far this app's batches have taken the index (each command's answer comes once it is committed) */
  let indexedUpTo = 0;
  let lastBatchAt = 0;
  const indexAll = async (ctx: Ctx<SystemActor>) => {
    for (;;) {
      const { more, upTo } = await ctx.write(indexMessages, {});
      indexedUpTo = Math.max(indexedUpTo, upTo);
      if (!more) return;
    }
  };
  const messageId = (event: StoredEvent) => (event.payload as EventPayload<'message.created'>).message.id;
  const indexNew = async (events: readonly StoredEvent[], ctx: Ctx<SystemActor>) => {
    if (!events.some((event) => messageId(event) > indexedUpTo)) return;
    const wait = lastBatchAt + GATHER_MS - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    await indexAll(ctx);
    lastBatchAt = Date.now();
  };
  return {
    name: 'search.index',
    types: ['message.created'],
    startAt: 'now',
    gatherMs: GATHER_MS,
    handle: (event, ctx) => indexNew([event], ctx),
    handleBatch: indexNew,
  };
}
