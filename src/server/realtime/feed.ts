import type { Kysely } from 'kysely';
import type { StoredEvent } from '../../shared/events';
import type { DB } from '../db/schema';
import { lastEventId, loadEventsAfter, type EventBus } from '../events';

export interface Feed {
  /** the highest event id handed on so far */
  cursor(): number;
  /** stops listening; resolves once the work in hand is done */
  stop(): Promise<void>;
}

const FILL_PAGE = 1000;

/**
 * This instance's view of the committed events: exactly once each, in id
 * order, with no gap. Batches can arrive out of order (from several
 * instances through Redis, or concurrent commits here); since ids follow
 * commit order, a batch that does not continue from the cursor means earlier
 * events exist that have not arrived yet, and they are read from the events
 * table before it. Echoes of what was already handed on are dropped.
 * Redis pub/sub delivers at most once, so every `sweepMs` the table is also
 * checked for events that never arrived (a publish lost while Redis was away).
 */
export async function startFeed(
  deps: { db: Kysely<DB>; bus: EventBus },
  options: { deliver: (events: StoredEvent[]) => void; onError: (error: unknown) => void; sweepMs: number },
): Promise<Feed> {
  const { deliver, onError } = options;
  let cursor = await lastEventId(deps.db);
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

  const ingest = async (batch: StoredEvent[]) => {
    const fresh = batch.filter((e) => e.id > cursor).sort((a, b) => a.id - b.id);
    if (fresh.length === 0 || stopped) return;
    const contiguous = fresh.every((e, i) => e.id === (i === 0 ? cursor : fresh[i - 1]!.id) + 1);
    if (contiguous) return handOn(fresh);
    await fill(fresh[fresh.length - 1]!.id);
  };

  const fill = async (upToId: number) => {
    for (;;) {
      const page = await loadEventsAfter(deps.db, { afterId: cursor, upToId, limit: FILL_PAGE });
      handOn(page);
      if (page.length < FILL_PAGE) break;
    }
    // the cursor stays on the last event found: an id that no page returned
    // (a rolled-back transaction's) is simply passed by the next fill
  };

  const sweep = async () => {
    if (stopped) return;
    const newest = await lastEventId(deps.db);
    if (newest > cursor) await fill(newest);
  };

  // one thing at a time, in arrival order: that is what keeps the output ordered
  const enqueue = (work: () => Promise<void>) => {
    chain = chain.then(work).catch(onError);
  };
  const unsubscribe = deps.bus.subscribe((batch) => enqueue(() => ingest(batch)));
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
