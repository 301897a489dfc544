// SQLite's write thread: the named writes (commands) run there on a
// connection of their own, so that their SQL does not hold up the event loop
// that serves HTTP, and a second small thread fsyncs the WAL, so that neither
// waits for the disk. Both ends live in this file: the client the writer uses,
// and `serveWriteThread`, which the write thread's entry calls.
import { MessageChannel, parentPort, Worker, workerData, type MessagePort } from 'node:worker_threads';
import { AppError, type ErrorCode, type FieldErrors } from '../http/errors';
import { openDatabase } from './database';
import { createWriter, type CommandCall, type CommandRunner, type ThreadJob } from './writer';

type SerializedError =
  | { kind: 'app'; code: ErrorCode; message: string; fields?: FieldErrors | undefined; headers?: Record<string, string> | undefined }
  | { kind: 'other'; message: string; stack?: string | undefined };

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
 * The writer's side. It may hand over several batches; the write thread
 * commits them in order and reports each committed, with its replies (the
 * writer then knows that transaction is over, so none overlaps one on the main
 * connection). Requests are answered only when the fsync thread reports their
 * batch durable. If either thread dies, every batch not yet answered fails
 * (none of those requests was acknowledged; a retry with the same
 * Idempotency-Key is safe) and the next batch starts both again.
 */
export function createWriteThread(file: string, entry: URL) {
  let threads: { writer: Worker; fsync: Worker } | undefined;
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
    if (stopped) for (const w of [stopped.writer, stopped.fsync]) void w.terminate();
    for (const batch of unanswered.values()) {
      for (const job of batch.jobs) job.reject(error);
      batch.committed();
    }
    unanswered.clear();
  };

  const start = () => {
    const channel = new MessageChannel();
    const writerData = { file, committed: channel.port1 };
    // from the sources (tests, tsx) the entry is TypeScript: load it through tsx
    const writer = entry.pathname.endsWith('.ts')
      ? new Worker(`import('tsx/esm/api').then((tsx) => tsx.tsImport(${JSON.stringify(entry.href)}, ${JSON.stringify(entry.href)}))`, {
          eval: true,
          workerData: writerData,
          transferList: [channel.port1],
        })
      : new Worker(entry, { workerData: writerData, transferList: [channel.port1] });
    const fsync = new Worker(FSYNC_THREAD, { eval: true, workerData: { wal: `${file}-wal`, committed: channel.port2 }, transferList: [channel.port2] });
    const started = { writer, fsync };
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
    for (const w of [writer, fsync]) {
      const name = w === writer ? 'write' : 'fsync';
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
  const { file, committed } = workerData as { file: string; committed: MessagePort };
  const database = openDatabase({ databaseUrl: `file:${file}`, dataDir: '' });
  database.sqlite!.pragma('synchronous = NORMAL');
  const writer = createWriter(database, { commands });

  port.on('message', (message: Batch | 'close') => {
    if (message === 'close') {
      port.close();
      committed.close();
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
