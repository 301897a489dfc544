// SQLite's write thread: the named writes (commands) run there on a
// connection of their own, so that their SQL does not hold up the event loop
// that serves HTTP; a second small thread fsyncs the WAL, so that neither
// waits for the disk, and a third copies the WAL into the database file
// (checkpoints), so that no writer stops for that. Both ends live in this
// file: the client the writer uses, and `serveWriteThread`, which the write
// thread's entry calls.
import { createRequire } from 'node:module';
import { MessageChannel, parentPort, Worker, workerData, type MessagePort } from 'node:worker_threads';
import { AppError, type ErrorCode, type FieldErrors } from '../http/errors';
import { openDatabase } from './database';
import { createWriter, type CommandCall, type CommandRunner, type ThreadJob } from './writer';

type SerializedError =
  | { kind: 'app'; code: ErrorCode; message: string; fields?: FieldErrors | undefined; headers?: Record<string, string> | undefined }
  | { kind: 'other'; message: string; stack?: string | undefined };

const require = createRequire(import.meta.url);

type Reply = { ok: true; value: unknown } | { ok: false; error: SerializedError };

/** main -> write thread: a batch, numbered in the order handed over */
interface Batch {
  n: number;
  calls: CommandCall[];
}
/** write thread -> main: the batch is committed (not yet durable) and how each call ended */
interface Committed {
  n: number;
  replies: Reply[];
}

function serializeError(error: unknown): SerializedError {
  if (error instanceof AppError) return { kind: 'app', code: error.code, message: error.message, fields: error.fields, headers: error.headers };
  const e = error instanceof Error ? error : new Error(String(error));
  return { kind: 'other', message: e.message, stack: e.stack };
}

function deserializeError(error: SerializedError): Error {
  if (error.kind === 'app') return new AppError(error.code, error.message, error.fields, error.headers);
  const e = new Error(`write thread: ${error.message}`);
  if (error.stack) e.stack = `${e.message}\n${error.stack.split('\n').slice(1).join('\n')}`;
  return e;
}

/**
 * The fsync thread: told "batch n is committed", it fdatasyncs the WAL and
 * tells the main thread "durable up to n". One fsync covers every batch
 * committed before it began, so requests that arrive during one are merged
 * into the next. Plain JavaScript, so that it needs no build step.
 */
const FSYNC_THREAD = `
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const fd = fs.openSync(workerData.wal, 'r');
let latest = 0;
let scheduled = false;
const drain = () => {
  scheduled = false;
  const upTo = latest;
  fs.fdatasyncSync(fd); // on failure the thread dies, and nothing waiting is acknowledged
  parentPort.postMessage(upTo);
  if (latest > upTo) { scheduled = true; setImmediate(drain); }
};
workerData.committed.on('message', (n) => {
  latest = Math.max(latest, n);
  if (!scheduled) { scheduled = true; setImmediate(drain); }
});
`;

/**
 * The checkpoint thread: copies the WAL into the database file on a
 * connection of its own, so that the write thread does not stop for it (left
 * to SQLite, the commit that crosses the threshold copies the whole WAL:
 * 40-60 ms during which no post commits). Every `intervalMs` a PASSIVE
 * checkpoint copies what has been committed, without blocking any writer.
 * Under steady writes the WAL never gets copied to its very end, so it would
 * never start over: once it holds `restartFrames`, this thread asks the write
 * thread for a RESTART checkpoint, which the write thread runs between two of
 * its transactions (a writer in the middle of one would get SQLITE_BUSY), with
 * only the frames since the passive one left to copy, and waits for its
 * answer before it checkpoints again. SQLite syncs the WAL before it copies a
 * frame, and the database file before the WAL starts over. Plain JavaScript,
 * so that it needs no build step.
 */
const CHECKPOINT_THREAD = `
const { workerData } = require('node:worker_threads');
const SQLite = require(workerData.sqliteModule);
const db = new SQLite(workerData.file);
let restartAsked = false;
workerData.restarts.on('message', () => { restartAsked = false; });
setInterval(() => {
  if (restartAsked) return;
  const [{ log }] = db.pragma('wal_checkpoint(PASSIVE)');
  if (log >= workerData.restartFrames) {
    restartAsked = true;
    workerData.restarts.postMessage('restart');
  }
}, workerData.intervalMs);
`;

/** the checkpoint thread's pace, and the WAL size at which it starts the WAL over */
const CHECKPOINT_INTERVAL_MS = 100;
const WAL_RESTART_BYTES = 16 << 20;
/** the writing connections still checkpoint by themselves past this, should the checkpoint thread fall behind or be gone */
const WAL_BACKSTOP_BYTES = 256 << 20;

/** Leaves checkpoints to the checkpoint thread, but for the backstop. */
export function leaveCheckpointsToThread(sqlite: { pragma(source: string, options?: { simple: boolean }): unknown }) {
  const pageSize = sqlite.pragma('page_size', { simple: true }) as number;
  sqlite.pragma(`wal_autocheckpoint = ${Math.round(WAL_BACKSTOP_BYTES / pageSize)}`);
  return pageSize;
}

/**
 * The writer's side. It may hand over several batches; the write thread
 * commits them in order and reports each committed, with its replies (the
 * writer then knows that transaction is over, so none overlaps one on the main
 * connection). Requests are answered only when the fsync thread reports their
 * batch durable. If any of the three threads dies, every batch not yet answered fails
 * (none of those requests was acknowledged; a retry with the same
 * Idempotency-Key is safe) and the next batch starts all three again.
 */
export function createWriteThread(file: string, entry: URL, wal: { pageSize: number; walRestartBytes?: number | undefined }) {
  let threads: { writer: Worker; fsync: Worker; checkpoint: Worker } | undefined;
  let nextBatch = 1;
  let durableUpTo = 0;
  /** batches handed over and not yet answered, in order; `replies` once committed; `committed` resolves the writer's flush */
  const unanswered = new Map<number, { jobs: ThreadJob[]; committed: () => void; replies?: Reply[] }>();

  const answerDurable = () => {
    for (const [n, batch] of unanswered) {
      if (n > durableUpTo || !batch.replies) return;
      unanswered.delete(n);
      batch.jobs.forEach((job, i) => {
        const reply = batch.replies![i]!;
        if (reply.ok) job.resolve(reply.value as Parameters<ThreadJob['resolve']>[0]);
        else job.reject(deserializeError(reply.error));
      });
    }
  };

  const stop = (error: Error) => {
    const stopped = threads;
    threads = undefined;
    if (stopped) for (const w of [stopped.writer, stopped.fsync, stopped.checkpoint]) void w.terminate();
    for (const batch of unanswered.values()) {
      for (const job of batch.jobs) job.reject(error);
      batch.committed();
    }
    unanswered.clear();
  };

  const start = () => {
    const channel = new MessageChannel();
    const restarts = new MessageChannel();
    const writerData = { file, committed: channel.port1, restarts: restarts.port1 };
    // from the sources (tests, tsx) the entry is TypeScript: load it through tsx
    const writer = entry.pathname.endsWith('.ts')
      ? new Worker(`import('tsx/esm/api').then((tsx) => tsx.tsImport(${JSON.stringify(entry.href)}, ${JSON.stringify(entry.href)}))`, {
          eval: true,
          workerData: writerData,
          transferList: [channel.port1, restarts.port1],
        })
      : new Worker(entry, { workerData: writerData, transferList: [channel.port1, restarts.port1] });
    const fsync = new Worker(FSYNC_THREAD, { eval: true, workerData: { wal: `${file}-wal`, committed: channel.port2 }, transferList: [channel.port2] });
    const checkpoint = new Worker(CHECKPOINT_THREAD, {
      eval: true,
      workerData: { file, sqliteModule: require.resolve('better-sqlite3'), intervalMs: CHECKPOINT_INTERVAL_MS, restartFrames: Math.round((wal.walRestartBytes ?? WAL_RESTART_BYTES) / wal.pageSize), restarts: restarts.port2 },
      transferList: [restarts.port2],
    });
    const started = { writer, fsync, checkpoint };
    writer.on('message', ({ n, replies }: Committed) => {
      const batch = unanswered.get(n);
      if (!batch) return;
      batch.replies = replies;
      batch.committed();
      answerDurable();
    });
    fsync.on('message', (upTo: number) => {
      durableUpTo = Math.max(durableUpTo, upTo);
      answerDurable();
    });
    for (const w of [writer, fsync, checkpoint]) {
      const name = w === writer ? 'write' : w === fsync ? 'fsync' : 'checkpoint';
      w.on('error', (error) => threads === started && stop(error));
      w.on('exit', (code) => threads === started && stop(new Error(`the ${name} thread stopped (exit code ${code})`)));
      // the threads must not keep the process alive on their own
      w.unref();
    }
    return started;
  };

  // started now, so that the first post does not wait for them to load
  threads = start();

  return {
    /** resolves once the batch is committed (not yet durable) */
    flush(jobs: ThreadJob[]): Promise<void> {
      return new Promise((committed) => {
        threads ??= start();
        const n = nextBatch++;
        unanswered.set(n, { jobs, committed });
        threads.writer.postMessage({ n, calls: jobs.map((job) => job.call) } satisfies Batch);
      });
    },
    async close() {
      const closing = threads;
      threads = undefined;
      if (!closing) return;
      const exited = new Promise<void>((resolve) => closing.writer.once('exit', () => resolve()));
      closing.writer.postMessage('close');
      await exited;
      await closing.fsync.terminate();
      await closing.checkpoint.terminate();
    },
  };
}

/**
 * The write thread's side: its own connection and group commit. Its commits
 * go to the WAL without an fsync (`synchronous=NORMAL`): the fsync thread
 * syncs the WAL before anyone is answered, while this one goes on with the
 * next batch. SQLite keeps the WAL file (the same inode) while connections
 * are open, and syncs it before each checkpoint.
 */
export function serveWriteThread(commands: CommandRunner) {
  const port = parentPort;
  if (!port) throw new Error('serveWriteThread runs in a worker thread');
  const { file, committed, restarts } = workerData as { file: string; committed: MessagePort; restarts: MessagePort };
  const database = openDatabase({ databaseUrl: `file:${file}`, dataDir: '' });
  const sqlite = database.sqlite!;
  sqlite.pragma('synchronous = NORMAL');
  leaveCheckpointsToThread(sqlite);
  let restartWanted = false;
  restarts.on('message', () => {
    restartWanted = true;
  });
  const writer = createWriter(database, {
    commands,
    betweenTransactions: () => {
      if (!restartWanted) return;
      restartWanted = false;
      sqlite.pragma('wal_checkpoint(RESTART)');
      restarts.postMessage('restarted');
    },
  });

  port.on('message', (message: Batch | 'close') => {
    if (message === 'close') {
      port.close();
      committed.close();
      restarts.close();
      void database.close();
      return;
    }
    void Promise.allSettled(message.calls.map((call) => writer.command(call))).then((settled) => {
      const replies = settled.map((s): Reply => (s.status === 'fulfilled' ? { ok: true, value: s.value } : { ok: false, error: serializeError(s.reason) }));
      port.postMessage({ n: message.n, replies } satisfies Committed);
      committed.postMessage(message.n);
    });
  });
}
