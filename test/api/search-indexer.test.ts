// SQLite's messages reach the full-text index in batches (search.indexer.ts),
// and search reads the ones not indexed yet from their table: a post is found
// the moment it is answered, once the indexer has run it is found in the
// index and only once, and an edit or a deletion is followed on either side
// of the index's progress. Messages written here straight into the table
// stand for writes that come without an event (the seed, the bench data):
// nothing wakes the indexer for them.
import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { describeApi, type Agent } from '../support/api';
import { newConversation, postMessage } from '../support/fixtures';
import {
  hitKeys,
  indexedUpTo as indexedUpToIn,
  indexProgress,
  queueApplied,
  search,
  uniqueWord,
  writeMessagesDirectly,
} from '../support/search';
import { FTS_TABLES } from '../../src/server/search/search.migrations';

describeApi('search index in batches', (h) => {
  let amanda: Agent, nancy: Agent, john: Agent;
  beforeAll(async () => {
    [amanda, nancy, john] = [await h().as('amanda'), await h().as('nancy'), await h().as('john')];
  });
  const db = () => h().built.database.db;
  const sqlite = () => h().built.database.dialect === 'sqlite';
  const indexedUpTo = (id: number) => indexedUpToIn(db(), id);
  const progress = () => indexProgress(db());
  const indexed = async (word: string) =>
    (await sql<{ rowid: number }>`select rowid from messages_fts where messages_fts match ${`body : "${word}"`}`.execute(db())).rows.map(
      (r) => r.rowid,
    );
  const writeDirectly = async (conversationId: number, body: string) => (await writeMessagesDirectly(db(), conversationId, [body]))[0]!;

  it('finds a post at once, then in the index once the indexer has run, and only once', async () => {
    const w = uniqueWord();
    const { message } = await newConversation(amanda, { subject: 'Batches', message: `${w} arrives` });
    expect(hitKeys((await search(amanda, { q: w })).items)).toContain(`m:${message.id}`);
    if (!sqlite()) return;
    await indexedUpTo(message.id);
    expect(await indexed(w)).toEqual([message.id]);
    const page = await search(amanda, { q: w });
    expect(hitKeys(page.items).filter((k) => k === `m:${message.id}`)).toHaveLength(1);
    expect(page.total).toBe(1);
  });

  it('finds what is not indexed yet by the same rules, follows its edits and deletion, and indexes it with the next batch', async (ctx) => {
    if (!sqlite()) return ctx.skip();
    const w = uniqueWord();
    const { conversation, message } = await newConversation(amanda, { subject: 'Pending', message: 'first' });
    await indexedUpTo(message.id);
    const pending = await writeDirectly(conversation.id, `${w} waits for the índex`);
    expect(await progress()).toBeLessThan(pending);
    // found by prefix, whole word and folded accent; by its owner and the back-office, not by another customer's user
    for (const q of [w.slice(0, 5), `${w} index`, `${w} "waits for"`])
      expect(hitKeys((await search(amanda, { q })).items), q).toEqual([`m:${pending}`]);
    expect(hitKeys((await search(john, { q: w })).items)).toEqual([`m:${pending}`]);
    expect((await search(nancy, { q: w })).items).toEqual([]);
    expect((await search(amanda, { q: `${w} absentword` })).items).toEqual([]);
    // an edit before indexing: the indexer reads the message as it is when it comes
    await sql`update messages set body = ${`${w} edited`} where id = ${pending}`.execute(db());
    expect(hitKeys((await search(amanda, { q: `${w} edited` })).items)).toEqual([`m:${pending}`]);
    expect((await search(amanda, { q: `${w} waits` })).items).toEqual([]);
    // the next post's batch takes it along
    const next = await postMessage(amanda, conversation.id, 'next');
    await indexedUpTo(next.id);
    expect(await indexed(w)).toEqual([pending]);
    expect(await indexed('waits')).not.toContain(pending);
    const page = await search(amanda, { q: `${w} edited` });
    expect(hitKeys(page.items)).toEqual([`m:${pending}`]);
    expect(page.total).toBe(1);
    // an edit once indexed: found as it now is at once (queued, read from its table), and so indexed with the next batch
    await sql`update messages set body = ${`${w} changed`} where id = ${pending}`.execute(db());
    expect((await search(amanda, { q: `${w} edited` })).items).toEqual([]);
    const changed = await search(amanda, { q: `${w} changed` });
    expect(hitKeys(changed.items)).toEqual([`m:${pending}`]);
    expect(changed.total).toBe(1);
    await queueApplied(db(), await postMessage(amanda, conversation.id, 'again'));
    expect(await indexed('changed')).toContain(pending);
    expect(await indexed('edited')).not.toContain(pending);
    expect((await search(amanda, { q: `${w} changed` })).total).toBe(1);
    // a deletion once indexed: gone from every answer and total at once, and from the index with the next batch
    await sql`delete from messages where id = ${pending}`.execute(db());
    expect(await search(amanda, { q: w })).toEqual({ items: [], total: 0, totalExact: true, nextCursor: null });
    expect(await search(john, { q: w })).toEqual({ items: [], total: 0, totalExact: true, nextCursor: null });
    await queueApplied(db(), await postMessage(amanda, conversation.id, 'last'));
    expect(await indexed(w)).toEqual([]);
  });

  it('a deleted message not yet indexed leaves nothing behind', async (ctx) => {
    if (!sqlite()) return ctx.skip();
    const w = uniqueWord();
    const { conversation, message } = await newConversation(amanda, { subject: 'Gone', message: 'first' });
    await indexedUpTo(message.id);
    const pending = await writeDirectly(conversation.id, `${w} soon gone`);
    await sql`delete from messages where id = ${pending}`.execute(db());
    expect((await search(john, { q: w })).items).toEqual([]);
    const next = await postMessage(amanda, conversation.id, 'next');
    await indexedUpTo(next.id);
    expect(await indexed(w)).toEqual([]);
  });

  it('indexes a stream of posts in batches at least 200 ms apart, not one per page of events', async (ctx) => {
    if (!sqlite()) return ctx.skip();
    const { conversation } = await newConversation(amanda, { subject: 'Stream', message: 'first' });
    // each batch ends by moving the progress: its moments, as SQLite's clock has them
    await sql`create table search.batch_times (at real not null)`.execute(db());
    await sql`create trigger search.batch_time after update on search_progress begin
      insert into batch_times (at) values (julianday('now') * 86400000); end`.execute(db());
    try {
      // five clients posting one after another for 1.5 s: pages of events while posts keep coming
      const posted: number[] = [];
      const until = Date.now() + 1500;
      const client = async (n: number) => {
        for (let i = 0; Date.now() < until; i++) posted.push((await postMessage(amanda, conversation.id, `stream ${n} ${i}`)).id);
      };
      await Promise.all([0, 1, 2, 3, 4].map(client));
      await indexedUpTo(Math.max(...posted));
      const times = (await sql<{ at: number }>`select at from batch_times order by at`.execute(db())).rows.map((r) => r.at);
      expect(times.length).toBeGreaterThan(0);
      const gaps = times.slice(1).map((t, i) => t - times[i]!);
      expect(Math.min(...gaps, Infinity)).toBeGreaterThanOrEqual(190);
    } finally {
      await sql`drop trigger search.batch_time`.execute(db());
      await sql`drop table search.batch_times`.execute(db());
    }
  });

  it('writes the index in leaves that fit the database page, so that reading one follows no overflow chain', async (ctx) => {
    if (!sqlite()) return ctx.skip();
    const w = uniqueWord();
    const { conversation } = await newConversation(amanda, { subject: 'Leaves', message: 'first' });
    // one word in 3,000 messages: its list of rows spans several leaves
    const ids = await writeMessagesDirectly(
      db(),
      conversation.id,
      Array.from({ length: 3000 }, (_, i) => `${w} number ${i}`),
    );
    const next = await postMessage(amanda, conversation.id, 'next');
    await indexedUpTo(next.id);
    expect(await indexed(w)).toHaveLength(ids.length);
    for (const table of FTS_TABLES) {
      // the messages' index is in a file of its own (search.file.ts), with its own page size
      const schema = table === 'messages_fts' ? 'search' : 'main';
      const pageSize = (await sql<{ page_size: number }>`pragma ${sql.raw(schema)}.page_size`.execute(db())).rows[0]!.page_size;
      const { rows } = await sql<{ leaves: number; largest: number }>`select count(*) as leaves, coalesce(max(length(block)), 0) as largest
        from ${sql.table(`${table}_data`)} where id > 10`.execute(db());
      // a table b-tree row over the page size less 35 bytes overflows
      expect(rows[0]!.largest, table).toBeLessThanOrEqual(pageSize - 35);
      if (table === 'messages_fts') expect(rows[0]!.leaves).toBeGreaterThan(4);
    }
  });

  it("merges the messages' index eight segments to a level, not FTS5's four", async (ctx) => {
    if (!sqlite()) return ctx.skip();
    const { rows } = await sql<{ v: number }>`select v from search.messages_fts_config where k = 'automerge'`.execute(db());
    expect(rows.map((r) => r.v)).toEqual([8]);
  });
});
