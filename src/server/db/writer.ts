import type { Kysely } from 'kysely';
import { holdsConnection, rawSqlite, releaseConnection, type Database } from './database';
import type { DB } from './schema';
import type { Actor } from '../context';
import type { StoredEvent } from '../events/events';
import { createWriteThread, leaveCheckpointsToThread } from './write-thread';

export type Trx = Kysely<DB>;

/** A write named in `commands.ts`, so that another thread can run it: only data crosses. */
export interface CommandCall {
  name: string;
  actor: Actor;
  args: unknown;
}

export interface CommandOutcome {
  value: unknown;
  /** stored with the write, to publish once it is durable */
  events: StoredEvent[];
}

export type CommandRunner = (trx: Trx, call: CommandCall) => Promise<CommandOutcome>;

/**
 * Every write goes through here, and each resolves only after its transaction
 * is committed durably, so an answer sent after it can never be lost. `run`
 * takes any function; `command` takes a named write (the hot ones: posting a
 * message), which on SQLite runs on the write thread, off the event loop.
 */
export interface Writer {
  run<T>(job: (trx: Trx) => Promise<T>): Promise<T>;
  command(call: CommandCall): Promise<CommandOutcome>;
  close(): Promise<void>;
}

export interface WriterOptions {
  /** runs a command in the given transaction (see `commands.ts`) */
  commands?: CommandRunner;
  /**
   * SQLite: the write thread's entry module. Commands then run there, on
   * their own connection, and their SQL and fsync leave the event loop free.
   */
  thread?: URL | undefined;
  maxBatch?: number;
  /** SQLite with a write thread: the WAL size at which the checkpoint thread has the WAL start over (tests make it small) */
  walRestartBytes?: number;
  /** SQLite: runs on the connection before each transaction, when it holds none (the write thread's checkpoint restarts) */
  betweenTransactions?: () => void;
}

/** how many batches the write thread may be given before it has committed the first */
const MAX_THREAD_BATCHES = 4;

const noCommands: CommandRunner = () => Promise.reject(new Error('this writer was made without commands'));

export function createWriter(database: Database, options: WriterOptions = {}): Writer {
  const commands = options.commands ?? noCommands;
  if (database.dialect === 'postgres') {
    // PostgreSQL groups concurrent commits into one WAL flush by itself.
    const run: Writer['run'] = (job) => database.db.transaction().execute(job);
    return { run, command: (call) => run((trx) => commands(trx, call)), close: async () => undefined };
  }
  const file = database.sqlite!.name;
  const thread = options.thread && file !== ':memory:' && file !== '' ? createWriteThread(file, options.thread, { pageSize: leaveCheckpointsToThread(database.sqlite!), walRestartBytes: options.walRestartBytes }) : undefined;
  return createSqliteGroupCommit(database.db, commands, thread, options.maxBatch ?? 256, options.betweenTransactions);
}

interface LocalJob {
  kind: 'local';
  run: (trx: Trx) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export interface ThreadJob {
  kind: 'thread';
  call: CommandCall;
  resolve: (value: CommandOutcome) => void;
  reject: (error: unknown) => void;
}

type Job = LocalJob | ThreadJob;

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/**
 * Group commit for SQLite: the jobs that arrive while one batch is committing
 * run together in the next transaction, each inside its own savepoint (a job
 * that fails rolls back alone), and share one COMMIT, so one fsync serves many
 * requests instead of one each.
 *
 * With a write thread there are two connections that write, this one and the
 * thread's, and never at the same moment: jobs keep their arrival order, a
 * batch is a run of jobs for one side, and a batch for one side starts only
 * once everything given to the other is committed (see `ready`). So SQLite
 * never makes a writer wait for its lock, and event ids still follow commit
 * order.
 */
function createSqliteGroupCommit(
  db: Kysely<DB>,
  commands: CommandRunner,
  thread: ReturnType<typeof createWriteThread> | undefined,
  maxBatch: number,
  betweenTransactions?: () => void,
): Writer {
  const queue: Job[] = [];
  let scheduled = false;
  let localBusy = false;
  /** batches handed to the thread and not yet committed there */
  let threadBatches = 0;

  // A local batch waits until the thread has committed everything it was
  // given, and the thread gets nothing while a local batch runs. The thread
  // may be handed the next batches while it works on one, so that it never
  // waits for this (busier) event loop; it commits them in order.
  const ready = (kind: Job['kind']) => !localBusy && (kind === 'local' ? threadBatches === 0 : threadBatches < MAX_THREAD_BATCHES);

  const schedule = () => {
    if (scheduled || queue.length === 0 || !ready(queue[0]!.kind)) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      const kind = queue[0]!.kind;
      if (!ready(kind)) return;
      let n = 1;
      while (n < queue.length && n < maxBatch && queue[n]!.kind === kind) n += 1;
      const batch = queue.splice(0, n);
      if (kind === 'thread') {
        threadBatches += 1;
        void thread!.flush(batch as ThreadJob[]).finally(() => {
          threadBatches -= 1;
          schedule();
        });
      } else {
        localBusy = true;
        void flush(batch as LocalJob[]).finally(() => {
          localBusy = false;
          schedule();
        });
      }
      schedule();
    });
  };

  // A batch first runs straight through in one transaction. Only when one of
  // its jobs fails is it rolled back and run again with each job in a
  // savepoint, so that the failing one rolls back alone. Savepoints on every
  // job cost the common case: SQLite copies each page a job is first to touch
  // into the savepoint's journal (on the post benchmark, 4 % of the write
  // thread's instructions, and two statements per post). So a job may run
  // twice, and must do nothing outside its transaction; none of its effects
  // are seen before the batch commits.
  const flush = async (jobs: LocalJob[]) => {
    let outcomes: Outcome[] | undefined;
    try {
      outcomes = (await inTransaction(jobs, false)) ?? (await inTransaction(jobs, true));
    } catch (error) {
      for (const job of jobs) job.reject(error);
      return;
    }
    jobs.forEach((job, i) => {
      const outcome = outcomes![i]!;
      if (outcome.ok) job.resolve(outcome.value);
      else job.reject(outcome.error);
    });
  };

  /** Runs the jobs in one transaction: their outcomes once committed, or (not isolated) undefined when one failed and nothing was committed. */
  const inTransaction = async (jobs: LocalJob[], isolated: boolean): Promise<Outcome[] | undefined> => {
    betweenTransactions?.();
    const trx = await db.startTransaction().execute();
    holdsConnection(trx, db);
    const outcomes: Outcome[] = [];
    try {
      // plain statements on the connection rather than Kysely's savepoint
      // builders, which cost more than the SQL
      const raw = rawSqlite(trx)!;
      const statement = (text: string) => () => raw.prepare(text).run();
      const savepoint = statement('savepoint job');
      const release = statement('release savepoint job');
      const rollbackTo = statement('rollback to savepoint job');
      for (const job of jobs) {
        if (isolated) savepoint();
        try {
          const value = await job.run(trx);
          if (isolated) release();
          outcomes.push({ ok: true, value });
        } catch (error) {
          if (!isolated) {
            await trx.rollback().execute();
            return undefined;
          }
          rollbackTo();
          release();
          outcomes.push({ ok: false, error });
        }
      }
      await trx.commit().execute();
      return outcomes;
    } catch (error) {
      await trx.rollback().execute().catch(() => undefined);
      throw error;
    } finally {
      // a job that kept `trx` must not reach the connection through it any more
      releaseConnection(trx);
    }
  };

  const enqueue = (job: Job) => {
    queue.push(job);
    schedule();
  };
  const run = <T>(job: (trx: Trx) => Promise<T>) =>
    new Promise<T>((resolve, reject) => enqueue({ kind: 'local', run: job, resolve: resolve as (v: unknown) => void, reject }));

  return {
    run,
    command: (call) =>
      thread
        ? new Promise<CommandOutcome>((resolve, reject) => enqueue({ kind: 'thread', call, resolve, reject }))
        : run((trx) => commands(trx, call)),
    close: async () => {
      await thread?.close();
    },
  };
}
