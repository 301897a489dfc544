import type { Kysely } from 'kysely';
import { holdsConnection, rawSqlite, releaseConnection } from '../db/database';
import type { DB } from '../db/schema';
import type { CommandCall, CommandOutcome } from '../kernel/context';

/** Runs a command in the given transaction, collecting the events it stores. */
export type CommandRunner = (trx: Kysely<DB>, call: CommandCall) => Promise<CommandOutcome>;

interface Job {
  call: CommandCall;
  resolve: (outcome: CommandOutcome) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; value: CommandOutcome } | { ok: false; error: unknown };

export interface GroupCommitOptions {
  maxBatch?: number;
  /** runs on the connection before each transaction, when it holds none (the write thread's checkpoint restarts) */
  betweenTransactions?: () => void;
}

/**
 * Group commit for one SQLite connection: the commands that arrive while a
 * batch commits run together in the next transaction and share one COMMIT,
 * so one fsync serves many requests instead of one each. Each resolves only
 * once its batch is committed.
 */
export function createGroupCommit(db: Kysely<DB>, runner: CommandRunner, options: GroupCommitOptions = {}) {
  const maxBatch = options.maxBatch ?? 256;
  const queue: Job[] = [];
  let busy = false;

  const next = () => {
    if (busy || queue.length === 0) return;
    busy = true;
    setImmediate(() => {
      const batch = queue.splice(0, maxBatch);
      void flush(batch).finally(() => {
        busy = false;
        next();
      });
    });
  };

  // A batch first runs straight through in one transaction. Only when one of
  // its commands fails is it rolled back and run again with each command in a
  // savepoint, so that the failing one rolls back alone. Savepoints on every
  // command cost the common case: SQLite copies each page a command is first
  // to touch into the savepoint's journal (on the post benchmark, 4 % of the
  // write thread's instructions, and two statements per post). So a command
  // may run twice, and must do nothing outside its transaction; none of its
  // effects are seen before the batch commits.
  const flush = async (jobs: Job[]) => {
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
  const inTransaction = async (jobs: Job[], isolated: boolean): Promise<Outcome[] | undefined> => {
    options.betweenTransactions?.();
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
          const value = await runner(trx, job.call);
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
      await trx
        .rollback()
        .execute()
        .catch(() => undefined);
      throw error;
    } finally {
      // a command that kept `trx` must not reach the connection through it any more
      releaseConnection(trx);
    }
  };

  return {
    command: (call: CommandCall) =>
      new Promise<CommandOutcome>((resolve, reject) => {
        queue.push({ call, resolve, reject });
        next();
      }),
  };
}
