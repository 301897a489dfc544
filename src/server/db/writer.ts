import { sql, type Kysely } from 'kysely';
import type { Database } from './database';
import type { DB } from './schema';

export type Trx = Kysely<DB>;

/**
 * Every write goes through here. `run` resolves only after its transaction is
 * committed durably, so an answer sent after it can never be lost.
 */
export interface Writer {
  run<T>(job: (trx: Trx) => Promise<T>): Promise<T>;
}

export function createWriter(database: Database, maxBatch = 256): Writer {
  if (database.dialect === 'postgres') {
    // PostgreSQL groups concurrent commits into one WAL flush by itself.
    return { run: (job) => database.db.transaction().execute(job) };
  }
  return createSqliteGroupCommit(database.db, maxBatch);
}

interface Job {
  run: (trx: Trx) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/**
 * Group commit for SQLite: the jobs that arrive while one batch is committing
 * run together in the next transaction, each inside its own savepoint (a job
 * that fails rolls back alone), and share one COMMIT, so one fsync serves many
 * requests instead of one each.
 */
const SAVEPOINT = sql.raw('savepoint job');
const RELEASE = sql.raw('release savepoint job');
const ROLLBACK_TO = sql.raw('rollback to savepoint job');

function createSqliteGroupCommit(db: Kysely<DB>, maxBatch: number): Writer {
  const queue: Job[] = [];
  let busy = false;

  const schedule = () => {
    if (busy || queue.length === 0) return;
    busy = true;
    setImmediate(() => {
      void flush(queue.splice(0, maxBatch)).finally(() => {
        busy = false;
        schedule();
      });
    });
  };

  const flush = async (jobs: Job[]) => {
    const outcomes: Outcome[] = [];
    let trx;
    try {
      trx = await db.startTransaction().execute();
    } catch (error) {
      for (const job of jobs) job.reject(error);
      return;
    }
    try {
      for (const job of jobs) {
        // plain statements rather than Kysely's savepoint builders: this runs
        // twice per request, and the builders cost more than the SQL
        await SAVEPOINT.execute(trx);
        try {
          const value = await job.run(trx);
          await RELEASE.execute(trx);
          outcomes.push({ ok: true, value });
        } catch (error) {
          await ROLLBACK_TO.execute(trx);
          await RELEASE.execute(trx);
          outcomes.push({ ok: false, error });
        }
      }
      await trx.commit().execute();
    } catch (error) {
      await trx.rollback().execute().catch(() => undefined);
      for (const job of jobs) job.reject(error);
      return;
    }
    jobs.forEach((job, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) job.resolve(outcome.value);
      else job.reject(outcome.error);
    });
  };

  return {
    run<T>(run: (trx: Trx) => Promise<T>) {
      return new Promise<T>((resolve, reject) => {
        queue.push({ run, resolve: resolve as (v: unknown) => void, reject });
        schedule();
      });
    },
  };
}
