import type { Deps } from '../context';
import { lastEventId, loadEventsAfter, type StoredEvent } from '../events/events';

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
 */
export async function startFeed(deps: Deps, deliver: (events: StoredEvent[]) => void, onError: (error: unknown) => void): Promise<Feed> {
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
    const upToId = fresh[fresh.length - 1]!.id;
    for (;;) {
      const page = await loadEventsAfter(deps.db, { afterId: cursor, upToId, limit: FILL_PAGE });
      handOn(page);
      if (page.length < FILL_PAGE) break;
    }
    // ids in the gap that no page returned belong to rolled-back transactions
    cursor = Math.max(cursor, upToId);
  };

  const unsubscribe = deps.bus.subscribe((batch) => {
    chain = chain.then(() => ingest(batch)).catch(onError);
  });
  return {
    cursor: () => cursor,
    stop() {
      stopped = true;
      unsubscribe();
      return chain;
    },
  };
}
