// Searching in the API tests: a word no other test or run uses, and what a search answers.
import { randomInt } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../src/server/db/schema';
import type { SearchHit, SearchPage } from '../../src/shared/search';
import type { Agent } from './api';
import { eventually } from './eventually';
import { ok } from './fixtures';

/** "kqzvwmtx": letters only, so that both tokenizers read it as one word, and unique to the run. */
export const uniqueWord = () => Array.from({ length: 8 }, () => String.fromCharCode(97 + randomInt(26))).join('');

export async function search(who: Agent, query: Record<string, string | number>): Promise<SearchPage> {
  const params = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]));
  return ok<SearchPage>(await who.get(`/search?${params.toString()}`));
}

/** "m:12" for message 12's hit, "c:5" for conversation 5's name. */
export const hitKeys = (items: SearchHit[]) => items.map((h) => (h.message ? `m:${h.message.id}` : `c:${h.conversation.id}`));

/** The marked words of each hit's snippet. */
export const marked = (hit: SearchHit) => hit.snippet.filter((p) => p.match).map((p) => p.text);

/**
 * Messages written straight into the table, as an import or the seed writes
 * them: no event, so nothing wakes SQLite's batch indexer for them. Their ids.
 */
export async function writeMessagesDirectly(db: Kysely<DB>, conversationId: number, bodies: string[]): Promise<number[]> {
  const { seq } = (
    await sql<{
      seq: number;
    }>`update conversations set last_seq = last_seq + ${bodies.length}, last_public_seq = last_seq + ${bodies.length}
      where id = ${conversationId} returning last_seq as seq`.execute(db)
  ).rows[0]!;
  const at = new Date().toISOString();
  const first = seq - bodies.length + 1;
  const rows = await db
    .insertInto('messages')
    .values(bodies.map((body, i) => ({ conversation_id: conversationId, seq: first + i, type: 'text', body, created_at: at })))
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

/** SQLite: how far the batch indexer has taken the full-text index (search_progress). */
export const indexProgress = async (db: Kysely<DB>) =>
  (await sql<{ up: number }>`select messages_up_to as up from search_progress`.execute(db)).rows[0]!.up;

/** SQLite: waits until the full-text index holds every message up to `id`. */
export const indexedUpTo = (db: Kysely<DB>, id: number) =>
  eventually(
    () => indexProgress(db),
    (up) => up >= id,
    `the index past message ${id}`,
  );

/** SQLite: waits until the index thread has applied every queued change (search_queue) up to the batch after `after`'s post. */
export async function queueApplied(db: Kysely<DB>, after: { id: number }) {
  await indexedUpTo(db, after.id);
  await eventually(
    async () =>
      (await sql<{ n: number }>`select count(*) as n from search_queue where id > (select queue_up_to from search_progress)`.execute(db))
        .rows[0]!.n,
    (n) => n === 0,
    'the queued changes applied to the index',
  );
}
