// SQLite's write thread: the named writes (commands) run here on a connection
// of their own, so that their SQL and the fsync of each commit do not hold up
// the event loop that serves HTTP. Both ends live in this file: the client the
// writer uses, and `serveWriteThread`, which the thread's entry calls.
import fs from 'node:fs';
import { parentPort, Worker, workerData } from 'node:worker_threads';
import { AppError, type ErrorCode, type FieldErrors } from '../http/errors';
import { openDatabase } from './database';
import { createWriter, type CommandCall, type CommandRunner, type ThreadJob } from './writer';

type SerializedError =
  | { kind: 'app'; code: ErrorCode; message: string; fields?: FieldErrors | undefined; headers?: Record<string, string> | undefined }
  | { kind: 'other'; message: string; stack?: string | undefined };

type Reply = { ok: true; value: unknown } | { ok: false; error: SerializedError };

type ThreadMessage = { type: 'committed' } | { type: 'durable'; replies: Reply[] };

interface Batch {
  calls: CommandCall[];
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
 * The writer's side. It may hand over several batches; the thread commits
 * them in order, and reports each committed (the writer then knows the
 * thread's transaction is over and none overlaps one on the main connection)
 * and later durable. Requests are answered only when the thread reports their batch durable. A
 * thread that dies fails the batches it had not reported durable (none of
 * those requests was acknowledged; a retry with the same Idempotency-Key is
 * safe) and the next batch starts a new one.
 */
export function createWriteThread(file: string, entry: URL) {
  let worker: Worker | undefined;
  /** batches handed over, oldest first: each is committed, then made durable, in this order */
  const uncommitted: (() => void)[] = [];
  const unanswered: ThreadJob[][] = [];

  const answer = (replies: Reply[]) => {
    const jobs = unanswered.shift();
    jobs?.forEach((job, i) => {
      const reply = replies[i]!;
      if (reply.ok) job.resolve(reply.value as Parameters<ThreadJob['resolve']>[0]);
      else job.reject(deserializeError(reply.error));
    });
  };
  const fail = (error: Error) => {
    for (const jobs of unanswered.splice(0)) for (const job of jobs) job.reject(error);
    for (const done of uncommitted.splice(0)) done();
  };

  const start = () => {
    // from the sources (tests, tsx) the entry is TypeScript: load it through tsx
    const w = entry.pathname.endsWith('.ts')
      ? new Worker(`import('tsx/esm/api').then((tsx) => tsx.tsImport(${JSON.stringify(entry.href)}, ${JSON.stringify(entry.href)}))`, { eval: true, workerData: { file } })
      : new Worker(entry, { workerData: { file } });
    w.on('message', (message: ThreadMessage) => {
      if (message.type === 'committed') uncommitted.shift()?.();
      else answer(message.replies);
    });
    w.on('error', (error) => {
      if (worker === w) worker = undefined;
      fail(error);
    });
    w.on('exit', (code) => {
      if (worker === w) worker = undefined;
      fail(new Error(`the write thread stopped (exit code ${code})`));
    });
    // the thread must not keep the process alive on its own
    w.unref();
    return w;
  };

  // started now, so that the first post does not wait for it to load
  worker = start();

  return {
    /** resolves once the batch is committed (not yet durable) */
    flush(jobs: ThreadJob[]): Promise<void> {
      return new Promise((done) => {
        worker ??= start();
        uncommitted.push(done);
        unanswered.push(jobs);
        worker.postMessage({ calls: jobs.map((job) => job.call) } satisfies Batch);
      });
    },
    async close() {
      const w = worker;
      worker = undefined;
      if (!w) return;
      const exited = new Promise<void>((resolve) => w.once('exit', () => resolve()));
      w.postMessage('close');
      await exited;
    },
  };
}

/**
 * The thread's side: its own connection and group commit. Its commits go to
 * the WAL without an fsync (`synchronous=NORMAL`); the thread then fsyncs the
 * WAL itself, on libuv's pool, and answers the batch only after that. While
 * one fsync runs the next batch already executes, and one fsync covers every
 * batch committed before it started. SQLite keeps the WAL file (the same
 * inode) while connections are open, and syncs it before each checkpoint.
 */
export function serveWriteThread(commands: CommandRunner) {
  const port = parentPort;
  if (!port) throw new Error('serveWriteThread runs in a worker thread');
  const { file } = workerData as { file: string };
  const database = openDatabase({ databaseUrl: `file:${file}`, dataDir: '' });
  database.sqlite!.pragma('synchronous = NORMAL');
  const writer = createWriter(database, { commands });
  const durable = createWalSync(`${file}-wal`);

  port.on('message', (message: Batch | 'close') => {
    if (message === 'close') {
      port.close();
      void database.close();
      return;
    }
    void Promise.allSettled(message.calls.map((call) => writer.command(call))).then(async (settled) => {
      port.postMessage({ type: 'committed' } satisfies ThreadMessage);
      const replies = settled.map((s): Reply => (s.status === 'fulfilled' ? { ok: true, value: s.value } : { ok: false, error: serializeError(s.reason) }));
      await durable();
      port.postMessage({ type: 'durable', replies } satisfies ThreadMessage);
    });
  });
}

/** `durable()` resolves after an fdatasync of the WAL that began after the call. */
function createWalSync(walFile: string) {
  let fd: number | undefined;
  let syncing = false;
  let waiting: (() => void)[] = [];
  const next = () => {
    if (syncing || waiting.length === 0) return;
    syncing = true;
    const group = waiting;
    waiting = [];
    fd ??= fs.openSync(walFile, 'r');
    fs.fdatasync(fd, (error) => {
      if (error) {
        // what the WAL holds may not be on disk: answer nothing, and stop
        // (the writer fails the unanswered batches and starts a new thread)
        console.error(`[parley] write thread: fsync of ${walFile} failed:`, error);
        process.exit(1);
      }
      syncing = false;
      for (const resolve of group) resolve();
      next();
    });
  };
  return () =>
    new Promise<void>((resolve) => {
      waiting.push(resolve);
      next();
    });
}
