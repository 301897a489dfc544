import type { Kysely } from 'kysely';
import type { StoredEvent } from '../../shared/events';
import type { Dialect } from '../db/database';
import type { DB } from '../db/schema';
import { lastEventId, loadEventsAfter, loadSettledEventsAfter, type EventBus } from '../events';

export interface Feed {
  /** the highest event id handed on so far */
  cursor(): number;
  /** stops listening; resolves once the work in hand is done */
  stop(): Promise<void>;
}

const FILL_PAGE = 1000;
/**
 * PostgreSQL: the least time between two reads of the table. Under a steady
 * stream of posts each read then brings every event of those milliseconds,
 * and an event held back by an older transaction is looked for again as soon.
 */
const READ_GAP_MS = 3;

/**
 * This instance's view of the committed events: exactly once each, in id
 * order, never passing an event that could still appear below the cursor.
 * Batches arrive from the bus out of order (from several instances through
 * Redis, or concurrent commits here), so the events table is the judge:
 *
 * - SQLite: ids follow commit order, so a batch that continues from the
 *   cursor is handed on as it is; one that does not means earlier events
 *   have not arrived yet, and they are read from the table first.
 * - PostgreSQL: ids are positions in transaction order (events/positions.ts)
 *   and only those below the horizon are settled, so a batch only tells the
 *   feed how far to read: it reads the table up to the newest id it heard
 *   of, below the horizon, at most one read per READ_GAP_MS, and looks again
 *   while an older transaction still holds an event back.
 *
 * Echoes of what was already handed on are dropped. Redis pub/sub delivers
 * at most once, so every `sweepMs` the table is also checked for events that
 * never arrived (a publish lost while Redis was away).
 */
export async function startFeed(
  deps: { db: Kysely<DB>; dialect: Dialect; bus: EventBus },
  options: { deliver: (events: StoredEvent[]) => void; onError: (error: unknown) => void; sweepMs: number },
): Promise<Feed> {
  const { deliver, onError } = options;
  const settledOnly = deps.dialect === 'postgres';
  let cursor = await lastEventId(deps.db, deps.dialect);
  /** the newest id heard of: the feed reads until the cursor reaches it */
  let target = cursor;
  let chain = Promise.resolve();
  let stopped = false;

  const handOn = (events: StoredEvent[]) => {
    if (events.length === 0) return;
    cursor = events[events.length - 1]!.id;
    try {
      deliver(events);
    } catch (error) {
      onError(error);
    }
  };

  /** reads and hands on the settled events up to `target`; answers whether it got there */
  const fill = async () => {
    for (;;) {
      const range = { afterId: cursor, upToId: target, limit: FILL_PAGE };
      const { events, settledUpTo } = settledOnly
        ? await loadSettledEventsAfter(deps.db, range)
        : { events: await loadEventsAfter(deps.db, range), settledUpTo: target };
      handOn(events);
      if (events.length === FILL_PAGE) continue;
      // every id up to here is settled and was read: an id that no page returned
      // (a rolled-back transaction's, or none at all) is passed; not the
      // target heard of meanwhile, which this read did not cover
      cursor = Math.max(cursor, Math.min(range.upToId, settledUpTo));
      return cursor >= target;
    }
  };

  let readAt = 0;
  const catchUp = async () => {
    while (!stopped && cursor < target) {
      const wait = readAt + READ_GAP_MS - Date.now();
      if (settledOnly && wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      readAt = Date.now();
      if (await fill()) return;
    }
  };
  /** PostgreSQL: a catch-up is queued and has not begun, so a new batch only moves the target */
  let queued = false;
  const heard = (batch: StoredEvent[]) => {
    for (const event of batch) target = Math.max(target, event.id);
    if (queued || target <= cursor) return;
    queued = true;
    enqueue(() => {
      queued = false;
      return catchUp();
    });
  };

  const ingest = async (batch: StoredEvent[]) => {
    const fresh = batch.filter((e) => e.id > cursor).sort((a, b) => a.id - b.id);
    if (fresh.length === 0 || stopped) return;
    const contiguous = fresh.every((e, i) => e.id === (i === 0 ? cursor : fresh[i - 1]!.id) + 1);
    if (contiguous) return handOn(fresh);
    target = Math.max(target, fresh[fresh.length - 1]!.id);
    await catchUp();
  };

  const sweep = async () => {
    if (stopped) return;
    const newest = await lastEventId(deps.db, deps.dialect);
    if (newest <= cursor) return;
    target = Math.max(target, newest);
    await catchUp();
  };

  // one thing at a time, in arrival order: that is what keeps the output ordered
  const enqueue = (work: () => Promise<void>) => {
    chain = chain.then(work).catch(onError);
  };
  const unsubscribe = deps.bus.subscribe((batch) => (settledOnly ? heard(batch) : enqueue(() => ingest(batch))));
  const sweeper = setInterval(() => enqueue(sweep), options.sweepMs);
  sweeper.unref();
  return {
    cursor: () => cursor,
    stop() {
      stopped = true;
      unsubscribe();
      clearInterval(sweeper);
      return chain;
    },
  };
}
