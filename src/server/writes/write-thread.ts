// SQLite's write thread: the commands run there on a connection of their
// own, so that their SQL does not hold up the event loop that serves HTTP; a
// second small thread fsyncs the WAL (fsync-thread.ts), so that neither waits
// for the disk, and a third copies the WAL into the database file
// (checkpoint-thread.ts), so that no writer stops for that. Both ends live in
// this file: the client the writer uses, and `serveWriteThread`, which the
// write thread's entry calls.
import { createRequire } from 'node:module';
import { MessageChannel, parentPort, Worker, workerData, type MessagePort } from 'node:worker_threads';
import { openDatabase } from '../db/database';
import type { CommandCall, CommandOutcome } from '../kernel/context';
import { AppError, type ErrorCode, type FieldErrors } from '../kernel/errors';
import { createGroupCommit, type CommandRunner } from './group-commit';
import type { CheckpointThreadData } from './checkpoint-thread';
import type { FsyncThreadData } from './fsync-thread';

type SerializedError =
  | { kind: 'app'; code: ErrorCode; message: string; fields?: FieldErrors | undefined; headers?: Record<string, string> | undefined }
  | { kind: 'other'; message: string; stack?: string | undefined };

const require = createRequire(import.meta.url);

type Reply = { ok: true; value: CommandOutcome } | { ok: false; error: SerializedError };

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

interface Job {
  call: CommandCall;
  resolve: (outcome: CommandOutcome) => void;
  reject: (error: unknown) => void;
}

function serializeError(error: unknown): SerializedError {
  if (error instanceof AppError)
    return { kind: 'app', code: error.code, message: error.message, fields: error.fields, headers: error.headers };
  const e = error instanceof Error ? error : new Error(String(error));
  return { kind: 'other', message: e.message, stack: e.stack };
}

function deserializeError(error: SerializedError): Error {
  if (error.kind === 'app') return new AppError(error.code, error.message, error.fields, error.headers);
  const e = new Error(`write thread: ${error.message}`);
  if (error.stack) e.stack = `${e.message}\n${error.stack.split('\n').slice(1).join('\n')}`;
  return e;
}

/** the checkpoint thread's pace, and the WAL size at which it starts the WAL over */
const CHECKPOINT_INTERVAL_MS = 100;
const WAL_RESTART_BYTES = 16 << 20;
/** the writing connections still checkpoint by themselves past this, should the checkpoint thread fall behind or be gone */
const WAL_BACKSTOP_BYTES = 256 << 20;
/** how many batches the write thread may be given before it has committed the first */
const MAX_BATCHES_IN_FLIGHT = 4;
const MAX_BATCH = 256;

/** Leaves checkpoints to the checkpoint thread, but for the backstop. */
export function leaveCheckpointsToThread(sqlite: { pragma(source: string, options?: { simple: boolean }): unknown }) {
  const pageSize = sqlite.pragma('page_size', { simple: true }) as number;
  sqlite.pragma(`wal_autocheckpoint = ${Math.round(WAL_BACKSTOP_BYTES / pageSize)}`);
  return pageSize;
}

/** A worker from a module of this project: from the sources (tests, tsx) the entry is TypeScript, loaded through tsx. */
/** A worker thread from its entry: the built `.mjs` as it is, a `.ts` source through tsx. */
export function startWorker(entry: URL, data: unknown, transferList: MessagePort[] = []): Worker {
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry, { workerData: data, transferList });
  const load = `import('tsx/esm/api').then((tsx) => tsx.tsImport(${JSON.stringify(entry.href)}, ${JSON.stringify(entry.href)}))`;
  return new Worker(load, { eval: true, workerData: data, transferList });
}

/** A sibling worker entry of this file: `.ts` beside the sources, `.mjs` in the build (dist/server). */
const siblingEntry = (name: string) => new URL(import.meta.url.endsWith('.ts') ? `./${name}.ts` : `./${name}.mjs`, import.meta.url);

/**
 * The writer's side. It batches the commands that arrive together and may
 * hand over several batches; the write thread commits them in order and
 * reports each committed, with its replies. Requests are answered only when
 * the fsync thread reports their batch durable. If any of the three threads
 * dies, every batch not yet answered fails (none of those requests was
 * acknowledged; a retry with the same Idempotency-Key is safe) and the next
 * batch starts all three again.
 */
export function createWriteThread(file: string, entry: URL, wal: { pageSize: number; walRestartBytes?: number | undefined }) {
  let threads: { writer: Worker; fsync: Worker; checkpoint: Worker } | undefined;
  let nextBatch = 1;
  let durableUpTo = 0;
  const queue: Job[] = [];
  let scheduled = false;
  let closed = false;
  /** batches handed over and not yet answered, in order; `replies` once committed */
  const unanswered = new Map<number, { jobs: Job[]; committed: boolean; replies?: Reply[] }>();
  const inFlight = () => [...unanswered.values()].filter((b) => !b.committed).length;

  // The threads never keep the process alive on their own, but an unanswered
  // batch does: someone is waiting for it (a server is kept alive by its
  // listener anyway; a script or a job runner would exit under its writes).
  let held = false;
  const hold = (wanted: boolean) => {
    if (!threads || held === wanted) return;
    held = wanted;
    for (const w of [threads.writer, threads.fsync]) {
      if (wanted) w.ref();
      else w.unref();
    }
  };

  /** close() waits for what was handed in before it to be answered */
  let whenIdle: (() => void) | undefined;
  const settled = () => {
    if (whenIdle && queue.length === 0 && unanswered.size === 0) whenIdle();
  };

  const answerDurable = () => {
    for (const [n, batch] of unanswered) {
      if (n > durableUpTo || !batch.replies) break;
      unanswered.delete(n);
      batch.jobs.forEach((job, i) => {
        const reply = batch.replies![i]!;
        if (reply.ok) job.resolve(reply.value);
        else job.reject(deserializeError(reply.error));
      });
    }
    if (unanswered.size === 0) hold(false);
    settled();
  };

  const stop = (error: Error) => {
    hold(false);
    const stopped = threads;
    threads = undefined;
    held = false;
    if (stopped) for (const w of [stopped.writer, stopped.fsync, stopped.checkpoint]) void w.terminate();
    for (const batch of unanswered.values()) for (const job of batch.jobs) job.reject(error);
    unanswered.clear();
    schedule();
    settled();
  };

  const start = () => {
    const committedChannel = new MessageChannel();
    const restarts = new MessageChannel();
    const writer = startWorker(entry, { file, committed: committedChannel.port1, restarts: restarts.port1 } satisfies WriteThreadData, [
      committedChannel.port1,
      restarts.port1,
    ]);
    const fsync = startWorker(
      siblingEntry('fsync-thread'),
      { wal: `${file}-wal`, committed: committedChannel.port2 } satisfies FsyncThreadData,
      [committedChannel.port2],
    );
    const checkpointData: CheckpointThreadData = {
      file,
      sqliteModule: require.resolve('better-sqlite3'),
      intervalMs: CHECKPOINT_INTERVAL_MS,
      restartFrames: Math.round((wal.walRestartBytes ?? WAL_RESTART_BYTES) / wal.pageSize),
      restarts: restarts.port2,
    };
    const checkpoint = startWorker(siblingEntry('checkpoint-thread'), checkpointData, [restarts.port2]);
    const started = { writer, fsync, checkpoint };
    writer.on('message', ({ n, replies }: Committed) => {
      const batch = unanswered.get(n);
      if (!batch) return;
      batch.replies = replies;
      batch.committed = true;
      answerDurable();
      schedule();
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

  // The thread may be handed the next batches while it works on one, so that
  // it never waits for this (busier) event loop; it commits them in order.
  function schedule() {
    if (closed || scheduled || queue.length === 0 || inFlight() >= MAX_BATCHES_IN_FLIGHT) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      if (queue.length === 0 || inFlight() >= MAX_BATCHES_IN_FLIGHT) return;
      threads ??= start();
      const jobs = queue.splice(0, MAX_BATCH);
      const n = nextBatch++;
      unanswered.set(n, { jobs, committed: false });
      hold(true);
      threads.writer.postMessage({ n, calls: jobs.map((job) => job.call) } satisfies Batch);
      schedule();
    });
  }

  // started now, so that the first command does not wait for them to load
  threads = start();

  return {
    command: (call: CommandCall) =>
      new Promise<CommandOutcome>((resolve, reject) => {
        if (closed) return reject(new Error('the writer is closed'));
        queue.push({ call, resolve, reject });
        schedule();
      }),
    async close() {
      // a graceful shutdown: every command handed in so far is written and answered first
      if (queue.length > 0 || unanswered.size > 0) await new Promise<void>((resolve) => (whenIdle = resolve));
      // nothing new starts the threads again
      closed = true;
      for (const job of queue.splice(0)) job.reject(new Error('the writer is closed'));
      const closing = threads;
      threads = undefined;
      if (!closing) return;
      const exited = new Promise<void>((resolve) => closing.writer.once('exit', () => resolve()));
      // held until it has ended: the threads are unref'd, and a process with
      // nothing else to do would otherwise end before this resolves
      closing.writer.ref();
      closing.writer.postMessage('close');
      await exited;
      await closing.fsync.terminate();
      await closing.checkpoint.terminate();
    },
  };
}

/** What the write thread is started with. */
export interface WriteThreadData {
  file: string;
  /** to the fsync thread: "batch n is committed" */
  committed: MessagePort;
  /** with the checkpoint thread: "start the WAL over" / "restarted" */
  restarts: MessagePort;
}

/**
 * The write thread's side: its own connection and group commit. Its commits
 * go to the WAL without an fsync (`synchronous=NORMAL`): the fsync thread
 * syncs the WAL before anyone is answered, while this one goes on with the
 * next batch. SQLite keeps the WAL file (the same inode) while connections
 * are open, and syncs it before each checkpoint.
 */
export function serveWriteThread(runner: CommandRunner) {
  const port = parentPort;
  if (!port) throw new Error('serveWriteThread runs in a worker thread');
  const { file, committed, restarts } = workerData as WriteThreadData;
  const database = openDatabase({ databaseUrl: `file:${file}`, dataDir: '' });
  const sqlite = database.sqlite!;
  sqlite.pragma('synchronous = NORMAL');
  leaveCheckpointsToThread(sqlite);
  let restartWanted = false;
  restarts.on('message', () => {
    restartWanted = true;
  });
  const writer = createGroupCommit(database.db, runner, {
    // Under steady writes the WAL never gets copied to its very end, so it
    // would never start over: the checkpoint thread asks for a RESTART, run
    // here between two transactions (a writer in the middle of one would get
    // SQLITE_BUSY), with only the frames since its last passive copy left.
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
      // everything handed over is answered; Kysely's destroy would wait for the
      // connection group commit holds, so the file is closed directly and the
      // thread ends (in a worker, process.exit ends the thread only)
      sqlite.close();
      process.exit(0);
      return;
    }
    void Promise.allSettled(message.calls.map((call) => writer.command(call))).then((settled) => {
      const replies = settled.map((s): Reply =>
        s.status === 'fulfilled' ? { ok: true, value: s.value } : { ok: false, error: serializeError(s.reason) },
      );
      port.postMessage({ n: message.n, replies } satisfies Committed);
      committed.postMessage(message.n);
    });
  });
}
