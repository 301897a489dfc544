// The event stream's order on PostgreSQL, where many transactions commit at
// once and no lock spans their commits (src/server/events/positions.ts):
// a reader never passes an event that commits late below it, a
// conversation's events follow its commit order, and another database's long
// transaction holds nothing up. SQLite has one writer: its ids follow commit
// order by themselves.
import pg from 'pg';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { StoredEvent } from '../../src/shared/events';
import { buildApp } from '../../src/server/app';
import { loadConfig } from '../../src/server/config';
import type { DB } from '../../src/server/db/schema';
import { createInMemoryEventBus, lastEventId, lockConversationOrder, recordEvent } from '../../src/server/events';
import { startFeed } from '../../src/server/realtime/feed';
import { kind } from '../support/api';
import { ADMIN_PG_URL, createTestDatabase, type TestDatabase } from '../support/databases';
import { waitFor } from '../support/eventually';

const postgresMissing = kind === 'postgres' && !inject('postgres').ok;

/** A transaction held open until `commit` is called: the test decides who commits first. */
async function openTransaction(db: Kysely<DB>) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let begun!: (trx: Kysely<DB>) => void;
  const trxReady = new Promise<Kysely<DB>>((resolve) => (begun = resolve));
  const done = db.transaction().execute(async (trx) => {
    begun(trx);
    await released;
  });
  const trx = await trxReady;
  return {
    trx,
    commit: async () => {
      release();
      await done;
    },
  };
}

const updated = (conversationId: number, name: string) =>
  ({
    type: 'conversation.updated',
    conversationId,
    customerId: null,
    customerUserId: null,
    payload: { conversationId, name, ownerId: null, source: null },
  }) as const;

describe.skipIf(kind !== 'postgres' || postgresMissing)('the event stream on PostgreSQL [postgres]', () => {
  let test: TestDatabase;
  let db: Kysely<DB>;
  beforeAll(async () => {
    test = await createTestDatabase('postgres');
    const built = await buildApp(loadConfig({ LOG_LEVEL: 'silent', PARLEY_SEED: 'none' }), { database: test.database });
    await built.app.close();
    db = test.database.db;
  });
  afterAll(async () => {
    await test.drop();
  });

  it('holds back an event committed after a younger one until the older transaction ends, then hands both on in order', async () => {
    const bus = createInMemoryEventBus();
    const got: StoredEvent[] = [];
    const errors: unknown[] = [];
    const feed = await startFeed(
      { db, dialect: 'postgres', bus },
      { deliver: (events) => got.push(...events), onError: (e) => errors.push(e), sweepMs: 60_000 },
    );
    const older = await openTransaction(db);
    const early = await recordEvent(older.trx, 'postgres', updated(1, 'older, commits last'), 0);
    const late = await db.transaction().execute((trx) => recordEvent(trx, 'postgres', updated(2, 'younger, commits first'), 0));
    expect(late.id).toBeGreaterThan(early.id);
    bus.publish([late]);
    // the younger event is committed, but the older transaction could still store one below it
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(got).toEqual([]);
    expect(await lastEventId(db, 'postgres')).toBeLessThan(early.id);

    await older.commit();
    bus.publish([early]);
    await waitFor(() => got.length === 2, 5000, 'both events handed on');
    expect(got.map((e) => e.id)).toEqual([early.id, late.id]);
    expect(await lastEventId(db, 'postgres')).toBeGreaterThanOrEqual(late.id);
    expect(errors).toEqual([]);
    await feed.stop();
  });

  it("orders a conversation's events as its transactions commit: the one that waited for the lock comes after", async () => {
    const first = await openTransaction(db);
    await lockConversationOrder(first.trx, 'postgres', [42]);
    // the second asks for the conversation before the first has written anything: without
    // the lock it would write (and get its transaction id) first, and commit last
    const second = await openTransaction(db);
    const secondStored = (async () => {
      await lockConversationOrder(second.trx, 'postgres', [42]);
      return recordEvent(second.trx, 'postgres', updated(42, 'second'), 0);
    })();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const firstEvent = await recordEvent(first.trx, 'postgres', updated(42, 'first'), 0);
    await first.commit();
    const secondEvent = await secondStored;
    await second.commit();
    expect(secondEvent.id).toBeGreaterThan(firstEvent.id);
  });

  it('refuses an order lock taken after the transaction wrote, whose order could not hold', async () => {
    await expect(
      db.transaction().execute(async (trx) => {
        await recordEvent(trx, 'postgres', updated(7, 'written first'), 0);
        await lockConversationOrder(trx, 'postgres', [7]);
      }),
    ).rejects.toThrow(/lockConversationOrder after the first write/);
  });

  it("is not held up by another database's long transaction", async () => {
    const other = new pg.Client({ connectionString: ADMIN_PG_URL });
    await other.connect();
    try {
      await other.query('begin');
      await other.query('select pg_current_xact_id()');
      const stored = await db.transaction().execute((trx) => recordEvent(trx, 'postgres', updated(9, 'while another database waits'), 0));
      // once the horizon has stood still for a moment, readers pass over the other database's transaction
      await waitFor(async () => (await lastEventId(db, 'postgres')) >= stored.id, 2000, 'the event settled while the other database waits');
      expect(
        (await other.query<{ open: string | null }>('select pg_current_xact_id_if_assigned()::text as open')).rows[0]!.open,
      ).not.toBeNull();
    } finally {
      await other.query('rollback');
      await other.end();
    }
  });

  it('is held up by a transaction of its own database, however long', async () => {
    const mine = await openTransaction(db);
    await sql`select pg_current_xact_id()`.execute(mine.trx);
    const stored = await db.transaction().execute((trx) => recordEvent(trx, 'postgres', updated(10, 'behind a long one'), 0));
    expect(await lastEventId(db, 'postgres')).toBeLessThan(stored.id);
    // long past the moment when readers start passing over other databases' transactions
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await lastEventId(db, 'postgres')).toBeLessThan(stored.id);
    await mine.commit();
    expect(await lastEventId(db, 'postgres')).toBeGreaterThanOrEqual(stored.id);
  });
});
