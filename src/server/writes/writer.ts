import type { Database } from '../db/database';
import type { CommandCall, CommandOutcome } from '../kernel/context';
import { createGroupCommit, type CommandRunner } from './group-commit';
import { createWriteThread, leaveCheckpointsToThread } from './write-thread';

export type { CommandRunner } from './group-commit';

/**
 * The one write path. Every write is a named command (see kernel/context.ts),
 * and each resolves only after its transaction is committed durably, so an
 * answer sent after it can never be lost.
 *
 * - PostgreSQL: each command in a transaction of its own; PostgreSQL groups
 *   concurrent commits into one WAL flush by itself.
 * - SQLite: group commit, on the write thread (its own connection, off the
 *   event loop that serves HTTP) or, with the thread off or an in-memory
 *   database, on the main connection.
 */
export interface Writer {
  command(call: CommandCall): Promise<CommandOutcome>;
  close(): Promise<void>;
  /** commands handed in and not yet answered (the write queue's depth, for /metrics) */
  pending(): number;
}

export interface WriterOptions {
  /** SQLite: the write thread's entry module; without it, commands run on the main connection */
  thread?: URL | undefined;
  maxBatch?: number;
  /** SQLite with a write thread: the WAL size at which the checkpoint thread has the WAL start over (tests make it small) */
  walRestartBytes?: number;
  /** PostgreSQL: the commands that are their own transaction (see `Command.standalone`) */
  standalone?: (name: string) => boolean;
}

export function createWriter(database: Database, runner: CommandRunner, options: WriterOptions = {}): Writer {
  const writer = openWriter(database, runner, options);
  let pending = 0;
  const settle = () => pending--;
  return {
    command(call) {
      pending++;
      const outcome = writer.command(call);
      outcome.then(settle, settle);
      return outcome;
    },
    close: () => writer.close(),
    pending: () => pending,
  };
}

function openWriter(database: Database, runner: CommandRunner, options: WriterOptions): Omit<Writer, 'pending'> {
  if (database.dialect === 'postgres') {
    const standalone = options.standalone ?? (() => false);
    return {
      command: (call) =>
        standalone(call.name) ? runner(database.db, call) : database.db.transaction().execute((trx) => runner(trx, call)),
      close: async () => undefined,
    };
  }
  const file = database.sqlite!.name;
  if (options.thread && file !== ':memory:' && file !== '') {
    const pageSize = leaveCheckpointsToThread(database.sqlite!);
    return createWriteThread(file, options.thread, { pageSize, walRestartBytes: options.walRestartBytes });
  }
  const local = createGroupCommit(database.db, runner, { maxBatch: options.maxBatch ?? 256 });
  return { command: local.command, close: async () => undefined };
}
