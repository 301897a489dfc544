// The entry of SQLite's search index thread (started by search.indexer.ts):
// its own connection, with the index's file attached (search.file.ts), runs
// one batch each time it is asked and answers how far the index reaches.
// It reads the database and writes only the index's file, so it never holds
// the lock the posts' write thread commits under.
import { createRequire } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';
import type BetterSqlite3 from 'better-sqlite3';
import { attachSearchFile, indexBatch, type IndexBatch } from './search.file';

export interface IndexThreadData {
  /** the database's file */
  file: string;
  /** better-sqlite3, resolved by the main thread (the thread may run from a bundle elsewhere) */
  sqliteModule: string;
}

export type IndexThreadReply = { ok: true; batch: IndexBatch } | { ok: false; message: string };

if (parentPort && workerData && (workerData as Partial<IndexThreadData>).sqliteModule) {
  const port = parentPort;
  const data = workerData as IndexThreadData;
  const SQLite = createRequire(import.meta.url)(data.sqliteModule) as typeof BetterSqlite3;
  const sqlite = new SQLite(data.file);
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('cache_size = -65536');
  attachSearchFile(sqlite, data.file);
  // the index is derived from the database and made again from it: its commits need not wait for the disk
  sqlite.pragma('search.synchronous = NORMAL');
  port.on('message', () => {
    let reply: IndexThreadReply;
    try {
      reply = { ok: true, batch: indexBatch(sqlite) };
    } catch (error) {
      reply = { ok: false, message: error instanceof Error ? error.message : String(error) };
    }
    port.postMessage(reply);
  });
}
