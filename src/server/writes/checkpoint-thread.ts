// The checkpoint thread of SQLite's write path (started by write-thread.ts):
// copies the WAL into the database file on a connection of its own, so that
// the write thread does not stop for it (left to SQLite, the commit that
// crosses the threshold copies the whole WAL: 40-60 ms during which no post
// commits). Every `intervalMs` a PASSIVE checkpoint copies what has been
// committed, without blocking any writer. Under steady writes the WAL never
// gets copied to its very end, so it would never start over: once it holds
// `restartFrames`, this thread asks the write thread for a RESTART checkpoint
// (run between two of its transactions) and waits for its answer before it
// checkpoints again. SQLite syncs the WAL before it copies a frame, and the
// database file before the WAL starts over.
import { createRequire } from 'node:module';
import { workerData, type MessagePort } from 'node:worker_threads';
import type BetterSqlite3 from 'better-sqlite3';

export interface CheckpointThreadData {
  file: string;
  /** better-sqlite3, resolved by the main thread (the thread may run from a bundle elsewhere) */
  sqliteModule: string;
  intervalMs: number;
  restartFrames: number;
  restarts: MessagePort;
}

if (workerData && (workerData as Partial<CheckpointThreadData>).sqliteModule) {
  const data = workerData as CheckpointThreadData;
  const SQLite = createRequire(import.meta.url)(data.sqliteModule) as typeof BetterSqlite3;
  const db = new SQLite(data.file);
  let restartAsked = false;
  data.restarts.on('message', () => {
    restartAsked = false;
  });
  setInterval(() => {
    if (restartAsked) return;
    const [{ log }] = db.pragma('wal_checkpoint(PASSIVE)') as [{ log: number }];
    if (log >= data.restartFrames) {
      restartAsked = true;
      data.restarts.postMessage('restart');
    }
  }, data.intervalMs);
}
