// SQLite: the messages written since the full-text index last caught up go
// into it in batches (search.migrations.ts, 021, says why), on a thread of
// its own that writes the index's own file (search.file.ts), so that FTS5
// writes one segment for hundreds of posts instead of one for each and the
// posts' write thread never waits for it. The `search.index` consumer asks
// for a batch as posts come (message.created; a gather lets a stream of posts
// build up a batch); the app runs them at start for whatever was written
// without an event (the demo seed, the bench data). Until a message is
// indexed, search reads it from the messages table (search.repo.ts).
// PostgreSQL's index is kept in each write's transaction, so there this does
// nothing.
import { createRequire } from 'node:module';
import type { Worker } from 'node:worker_threads';
import type { Database } from '../db/database';
import type { StoredEvent } from '../../shared/events';
import type { Consumer } from '../events';
import { startWorker } from '../writes';
import { attachSearchFile, catchUpSearchFile, indexBatch, onDisk, type IndexBatch } from './search.file';
import type { IndexThreadData, IndexThreadReply } from './search-index-thread';

/** SQLite: attaches the messages' index's file to the app's connection (search.file.ts), once; after the migrations. */
export function attachSearchIndex(database: Database): void {
  if (database.sqlite) attachSearchFile(database.sqlite, database.sqlite.name);
}

/** Indexes what is written without an event, at the app's start (and the bench data's end); the messages indexed. */
export function catchUpIndex(database: Database): number {
  return database.sqlite ? catchUpSearchFile(database.sqlite) : 0;
}

/** Runs index batches: on the index thread, or on the app's own connection (without the write thread, and in the tests that ask). */
export interface Indexer {
  batch(): Promise<IndexBatch>;
  close(): Promise<void>;
}

/** The index thread's entry: `.ts` beside the sources, `.mjs` in the build (dist/server). */
const threadEntry = () =>
  new URL(import.meta.url.endsWith('.ts') ? './search-index-thread.ts' : './search-index-thread.mjs', import.meta.url);

/**
 * The index thread's client: one batch at a time (the consumer asks for the
 * next when one is done). Should the thread die, the batch asked of it fails
 * (the consumer tries again later: its cursor did not move) and the next
 * starts a new thread.
 */
function threadIndexer(file: string, sqliteModule: string): Indexer {
  let thread: Worker | undefined;
  let waiting: { resolve: (batch: IndexBatch) => void; reject: (error: Error) => void } | undefined;
  const fail = (error: Error) => {
    thread = undefined;
    waiting?.reject(error);
    waiting = undefined;
  };
  const start = () => {
    const started = startWorker(threadEntry(), { file, sqliteModule } satisfies IndexThreadData);
    started.on('message', (reply: IndexThreadReply) => {
      const w = waiting;
      waiting = undefined;
      if (reply.ok) w?.resolve(reply.batch);
      else w?.reject(new Error(`search index thread: ${reply.message}`));
    });
    started.on('error', (error) => thread === started && fail(error));
    started.on('exit', (code) => thread === started && fail(new Error(`the search index thread stopped (exit code ${code})`)));
    started.unref();
    return started;
  };
  return {
    batch: () =>
      new Promise<IndexBatch>((resolve, reject) => {
        if (waiting) return reject(new Error('the search index thread runs one batch at a time'));
        thread ??= start();
        waiting = { resolve, reject };
        thread.postMessage('batch');
      }),
    async close() {
      const stopping = thread;
      thread = undefined;
      if (stopping) await stopping.terminate();
    },
  };
}

export function createIndexer(database: Database, options: { thread: boolean }): Indexer | undefined {
  const sqlite = database.sqlite;
  if (!sqlite) return undefined;
  if (options.thread && onDisk(sqlite.name)) return threadIndexer(sqlite.name, createRequire(import.meta.url).resolve('better-sqlite3'));
  return { batch: async () => indexBatch(sqlite), close: async () => undefined };
}

/** New messages, and the changes that queue indexed ones (search_queue): a deleted conversation's messages, a guest added or taken out. */
const QUEUEING_EVENTS = [
  'message.created',
  'conversation.deleted',
  'conversation.updated',
  'participant.added',
  'participant.removed',
] as const;

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
 * 14 us a message. Edits, deletions and changes of scope are queued by
 * triggers and go with the next batch; they bring no event of this type, so
 * the consumer also asks for a batch on the events that come with them.
 */
export function searchIndexConsumer(indexer: Indexer): Consumer {
  /** how far this app's batches have taken the index (each batch's answer comes once it is committed) */
  let indexedUpTo = 0;
  let lastBatchAt = 0;
  const indexAll = async () => {
    for (;;) {
      const { more, upTo } = await indexer.batch();
      indexedUpTo = Math.max(indexedUpTo, upTo);
      if (!more) return;
    }
  };
  const isNew = (event: StoredEvent) => event.type !== 'message.created' || event.payload.message.id > indexedUpTo;
  const indexNew = async (events: readonly StoredEvent[]) => {
    if (!events.some(isNew)) return;
    const wait = lastBatchAt + GATHER_MS - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    await indexAll();
    lastBatchAt = Date.now();
  };
  return {
    name: 'search.index',
    types: [...QUEUEING_EVENTS],
    startAt: 'now',
    gatherMs: GATHER_MS,
    handle: (event) => indexNew([event]),
    handleBatch: (events) => indexNew(events),
  };
}
