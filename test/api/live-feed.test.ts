// The feed under the sockets: whatever order batches arrive in (several
// instances, concurrent commits), it hands every committed event on once, in
// id order, reading what is missing from the events table.
import { beforeAll, expect, it } from 'vitest';
import type { StoredEvent } from '../../src/shared/events';
import { createInMemoryEventBus, loadEventsAfter, recordEvent } from '../../src/server/events';
import { startFeed } from '../../src/server/realtime/feed';
import type { Agent } from '../support/api';
import { describeLive } from '../live/harness';

describeLive('live feed', {}, (h) => {
  let charlie: Agent;
  let conversationId = 0;
  const post = (body: string) => charlie.post(`/conversations/${conversationId}/messages`, { body });

  async function feedOf(sweepMs = 60_000) {
    const bus = createInMemoryEventBus();
    const got: StoredEvent[] = [];
    const errors: unknown[] = [];
    const feed = await startFeed(
      { db: h().built.database.db, dialect: h().built.database.dialect, bus },
      { deliver: (events) => got.push(...events), onError: (e) => errors.push(e), sweepMs },
    );
    return { bus, got, errors, feed, ids: () => got.map((e) => e.id) };
  }
  const settle = () => new Promise((r) => setTimeout(r, 100));

  beforeAll(async () => {
    charlie = await h().as('charlie');
    conversationId = (await charlie.get('/conversations')).json().items.find((c: { name: string }) => c.name === 'Order SO-1001').id;
  });

  it('hands on out-of-order batches in id order, once, filling the gap from the table', async () => {
    const f = await feedOf();
    const start = f.feed.cursor();
    for (const body of ['a', 'b', 'c', 'd']) await post(body);
    const stored = await loadEventsAfter(h().built.database.db, { afterId: start, limit: 100 });
    expect(stored.length).toBeGreaterThanOrEqual(4);
    const last = stored[stored.length - 1]!;
    f.bus.publish([last]);
    f.bus.publish(stored.slice(0, 2));
    f.bus.publish(stored);
    await settle();
    expect(f.ids()).toEqual(stored.map((e) => e.id));
    expect(f.errors).toEqual([]);
    await f.feed.stop();
  });

  it('skips ids of rolled-back transactions without waiting for them', async () => {
    const f = await feedOf();
    await h()
      .built.database.db.transaction()
      .execute(async (trx) => {
        await recordEvent(
          trx,
          h().built.database.dialect,
          {
            type: 'conversation.updated',
            conversationId,
            customerId: null,
            customerUserId: null,
            payload: { conversationId, name: 'Rolled back', ownerId: null, source: null },
          },
          0,
        );
        throw new Error('roll back');
      })
      .catch(() => undefined);
    await post('after a rollback');
    const stored = await loadEventsAfter(h().built.database.db, { afterId: f.feed.cursor(), limit: 100 });
    f.bus.publish(stored);
    await settle();
    expect(f.ids()).toEqual(stored.map((e) => e.id));
    expect(f.feed.cursor()).toBe(stored[stored.length - 1]!.id);
    await f.feed.stop();
  });

  it('finds events the bus never brought, on its next sweep', async () => {
    const f = await feedOf(50);
    // taken before the post: a sweep may already have moved the cursor past it by the time it returns
    const start = f.feed.cursor();
    await post('never published to this feed');
    const stored = await loadEventsAfter(h().built.database.db, { afterId: start, limit: 100 });
    expect(stored.length).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 300));
    expect(f.ids()).toEqual(stored.map((e) => e.id));
    await f.feed.stop();
  });

  it('hands on every event of a burst of concurrent posts once, in id order, while batches keep arriving', async () => {
    const { bus, database } = h().built;
    const got: StoredEvent[] = [];
    const errors: unknown[] = [];
    const feed = await startFeed(
      { db: database.db, dialect: database.dialect, bus },
      { deliver: (events) => got.push(...events), onError: (e) => errors.push(e), sweepMs: 60_000 },
    );
    const start = feed.cursor();
    const posted = await Promise.all(Array.from({ length: 40 }, (_, i) => post(`burst ${i}`)));
    expect(posted.map((r) => r.statusCode)).toEqual(Array.from({ length: 40 }, () => 201));
    const stored = await loadEventsAfter(database.db, { afterId: start, limit: 1000 });
    const last = stored[stored.length - 1]!.id;
    for (let waited = 0; feed.cursor() < last && waited < 5000; waited += 20) await new Promise((r) => setTimeout(r, 20));
    expect(got.map((e) => e.id)).toEqual(stored.map((e) => e.id));
    expect(errors).toEqual([]);
    await feed.stop();
  });
});
