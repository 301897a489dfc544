// SQLite: the messages' full-text index lives in a file of its own beside
// the database (`parley-search.db` beside `parley.db`), attached to every
// connection as `search`. The index is written by a thread of its own
// (search-index-thread.ts) in batches, and a file has one writer at a time:
// in the database's own file each batch held the write lock, and the posts'
// write thread with it, for the 10-20 ms it took (about 20 us a message at
// 2,000,000 messages, an eighth of the write thread's time a post). In its
// own file the batch holds only the index's lock, and the posts go on.
//
// What the file holds is derived from the database and is made again when
// it is missing (a restored backup, a deleted file): `messages_fts` (FTS5,
// contentless: the terms and each row's scope tokens, search.migrations.ts
// says which) and `search_progress`: every message up to `messages_up_to` is
// in the index, and every entry of the database's `search_queue` (messages
// edited, deleted or moved to another scope since they were indexed) up to
// `queue_up_to` has been applied. Search reads what is past either from the
// messages themselves (search.repo.ts), so a post or an edit is found the
// moment it is answered. Conversation names and files' names stay in the
// database's own tables, kept by triggers: a handful of writes per
// conversation, not one per post.
import path from 'node:path';
import type SQLite from 'better-sqlite3';
import { messageRow } from './search.migrations';

/** Whether a SQLite database's name is a file (not one in memory, which no other connection sees). */
export const onDisk = (file: string) => file !== ':memory:' && file !== '';

/** The index's file for a database file. */
export function searchFileOf(file: string): string {
  if (!onDisk(file)) return ':memory:';
  const parsed = path.parse(file);
  return path.join(parsed.dir, `${parsed.name}-search${parsed.ext || '.db'}`);
}

// the tokenizer and prefixes of search.migrations.ts (024), which say why
const MESSAGES_FTS = `fts5(body, scope, tokenize='unicode61 remove_diacritics 2', prefix='3 4', content='', contentless_delete=1)`;
/**
 * FTS5 merges a level's segments into one of the next level once there are
 * this many (4 by default), so every message is written again once per
 * level: about six levels at 2,000,000 messages in batches of 800, four
 * with eight a level. A probe indexing 240,000 messages of the large bench
 * data in batches of 800 onto a table of 1,000,000: 13.3 and 15.6 us a
 * message with four, 9.9 and 12.6 with eight, the slowest batch 31-33 ms
 * either way, and the bench's queries as fast on both. Sixteen reached
 * FTS5's `crisismerge` (16), which merges a full level within one batch
 * (622 ms).
 */
const AUTOMERGE = 8;

/**
 * The index's pages, and its leaves: 1 KB pages and leaves of 900 bytes that
 * fit them (migration 022 says why: a customer's MATCH steps through the
 * common words' lists leaf by leaf, and a smaller leaf is less to read at
 * each step). With FTS5's own 4,050-byte leaves on 4 KB pages, a Buyer's
 * "delivery date" at 2,000,000 messages took 3.0 ms to match against
 * 1.1 ms.
 */
const PAGE_SIZE = 1024;
const LEAF_SIZE = PAGE_SIZE - 124;

/**
 * Attaches the index's file as `search`, and makes its tables if they are
 * not there, in WAL mode, so that searches read while the index thread
 * writes.
 */
export function attachSearchFile(sqlite: SQLite.Database, file: string): void {
  const attached = sqlite.pragma('database_list') as { name: string }[];
  if (attached.some((d) => d.name === 'search')) return;
  sqlite.prepare('attach database ? as search').run(searchFileOf(file));
  // an attached file has a page cache of its own, SQLite's default 2 MB unless set
  sqlite.pragma('search.cache_size = -65536');
  const made = () => (sqlite.prepare("select count(*) from search.sqlite_master where name = 'messages_fts'").pluck().get() as number) > 0;
  if (made()) return;
  sqlite.pragma(`search.page_size = ${PAGE_SIZE}`);
  if (onDisk(file)) sqlite.pragma('search.journal_mode = WAL');
  sqlite.transaction(() => {
    // another connection may have made them meanwhile
    if (made()) return;
    sqlite.exec(`create virtual table search.messages_fts using ${MESSAGES_FTS}`);
    sqlite.exec(`insert into search.messages_fts(messages_fts, rank) values ('automerge', ${AUTOMERGE})`);
    sqlite.exec(`insert into search.messages_fts(messages_fts, rank) values ('pgsz', ${LEAF_SIZE})`);
    sqlite.exec(`create table search.search_progress (id integer primary key check (id = 1),
      messages_up_to integer not null, queue_up_to integer not null)`);
    sqlite.exec('insert into search.search_progress (id, messages_up_to, queue_up_to) values (1, 0, 0)');
  })();
}

/** At most this many message ids a batch: a long backlog is indexed in several, so that searches between them see progress. */
export const INDEX_BATCH = 5_000;

export interface IndexBatch {
  /** messages written into the index (new ones, and queued ones written again) */
  indexed: number;
  /** whether new messages are left past this batch */
  more: boolean;
  /** every message up to this id is now in the index */
  upTo: number;
}

interface Progress {
  upTo: number;
  queueUpTo: number;
  lastMessage: number;
  lastQueued: number;
}

/**
 * One batch, on a connection with the index attached (the index thread's,
 * or the app's at start): the queued messages written again (or left out,
 * deleted), then up to INDEX_BATCH new ones, in one transaction of the
 * index's file; it reads the database as of its first statement. The queue's
 * applied entries are deleted from the database after, in a short
 * transaction of its own (a failure there leaves them applied twice, which
 * gives the same rows).
 */
export function indexBatch(sqlite: SQLite.Database): IndexBatch {
  const { batch, queued } = sqlite.transaction(() => {
    const p = sqlite
      .prepare(
        `select messages_up_to as upTo, queue_up_to as queueUpTo, (select coalesce(max(id), 0) from messages) as lastMessage,
          (select coalesce(max(id), 0) from search_queue) as lastQueued from search.search_progress`,
      )
      .get() as Progress;
    if (p.lastMessage <= p.upTo && p.lastQueued <= p.queueUpTo) return { batch: { indexed: 0, more: false, upTo: p.upTo }, queued: 0 };
    let indexed = 0;
    if (p.lastQueued > p.queueUpTo) {
      const changed = `select message_id from search_queue where id > ${p.queueUpTo} and id <= ${p.lastQueued} and message_id <= ${p.upTo}`;
      sqlite.exec(`delete from search.messages_fts where rowid in (${changed})`);
      indexed += sqlite
        .prepare(
          `insert into search.messages_fts(rowid, body, scope) select ${messageRow('m')}
            from messages m join conversations c on c.id = m.conversation_id where m.id in (${changed})`,
        )
        .run().changes;
    }
    const to = Math.min(p.lastMessage, p.upTo + INDEX_BATCH);
    if (to > p.upTo)
      indexed += sqlite
        .prepare(
          `insert into search.messages_fts(rowid, body, scope) select ${messageRow('m')}
            from messages m join conversations c on c.id = m.conversation_id where m.id > ? and m.id <= ?`,
        )
        .run(p.upTo, to).changes;
    sqlite.prepare('update search.search_progress set messages_up_to = ?, queue_up_to = ?').run(to, Math.max(p.queueUpTo, p.lastQueued));
    return { batch: { indexed, more: to < p.lastMessage, upTo: to }, queued: p.lastQueued > p.queueUpTo ? p.lastQueued : 0 };
  })();
  if (queued > 0) sqlite.prepare('delete from search_queue where id <= ?').run(queued);
  return batch;
}

/**
 * At the app's start: an index ahead of its database (the database restored
 * from a backup older than the index's file, or made anew beside an old one)
 * starts over, and an index behind catches up (the app indexes what was
 * written without an event: the seed, the bench data, a restored backup).
 */
export function catchUpSearchFile(sqlite: SQLite.Database): number {
  const ahead = sqlite
    .prepare(
      `select messages_up_to > (select coalesce(max(id), 0) from messages)
        or queue_up_to > (select coalesce((select seq from sqlite_sequence where name = 'search_queue'), 0)) from search.search_progress`,
    )
    .pluck()
    .get() as number;
  if (ahead)
    sqlite.transaction(() => {
      sqlite.exec("insert into search.messages_fts(messages_fts) values ('delete-all')");
      sqlite.exec('update search.search_progress set messages_up_to = 0, queue_up_to = 0');
      sqlite.exec('delete from search_queue');
    })();
  let total = 0;
  for (;;) {
    const { indexed, more } = indexBatch(sqlite);
    total += indexed;
    if (!more) return total;
  }
}
