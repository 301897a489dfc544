import type { ServerFrame } from '../../shared/live';
import { eventsBetween, lastEventId, loadEventsAfter } from '../events';
import type { Runtime } from '../kernel/context';
import { frameFor, replayFilter, type Audience } from './audience';
import type { LiveLimits } from './limits';

const PAGE = 500;
/** beyond this many ids behind, even scanning for the user's events costs too much: reset instead */
const SCAN_MAX = 100_000;

/**
 * Sends a resuming client every stored event after `afterId` that it may
 * receive, in id order, read from the events table a page at a time, pacing
 * itself on the socket's send buffer. Answers the id it got to: live events
 * at or below it have been covered.
 */
export async function replayMissed(
  runtime: Runtime,
  r: {
    audience: Audience;
    afterId: number;
    /** the feed's cursor when the socket joined: what the feed handed on before then reaches the socket only here */
    feedCursor: number;
    limits: LiveLimits;
    send: (frame: ServerFrame) => void;
    isOpen: () => boolean;
    buffered: () => number;
  },
): Promise<number> {
  // at least as far as the feed had gone (on PostgreSQL, a reader looking past
  // another database's long transaction may have gone further than this read)
  const newest = Math.max(await lastEventId(runtime.db, runtime.dialect), r.feedCursor);
  // an id from the future (another database, a bad client) would hide everything to come
  let after = Math.min(r.afterId, newest);
  if (eventsBetween(runtime.dialect, after, newest) > SCAN_MAX) {
    r.send({ type: 'reset', lastEventId: newest });
    return newest;
  }
  const filter = replayFilter(r.audience.visibility);
  let sent = 0;
  for (;;) {
    // only up to the settled head: beyond it an event may still commit below one already sent
    const events = await loadEventsAfter(runtime.db, { afterId: after, upToId: newest, limit: PAGE }, filter);
    if (!r.isOpen()) return after;
    sent += events.length;
    if (sent > r.limits.replayMax) {
      // too much to replay: the client reloads what it shows and continues from here
      const now = Math.max(newest, events[events.length - 1]!.id);
      r.send({ type: 'reset', lastEventId: now });
      return now;
    }
    for (const event of events) {
      // pace on the socket, so that a long replay to a healthy client is not
      // mistaken for a slow consumer, nor held in memory all at once
      if (r.buffered() > r.limits.sendBufferBytes / 2) await drained(r);
      if (!r.isOpen()) return after;
      const frame = frameFor(r.audience, event);
      if (frame) r.send(frame);
      after = event.id;
    }
    if (events.length < PAGE) return after;
  }
}

/** Waits until the socket has sent most of what is queued, so a replay cannot flood memory. */
async function drained(r: { limits: LiveLimits; isOpen: () => boolean; buffered: () => number }) {
  const deadline = Date.now() + 10_000;
  while (r.isOpen() && r.buffered() > r.limits.sendBufferBytes / 2 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
