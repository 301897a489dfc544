// For unit tests of code that runs inside a command: a writer on the main
// connection (no write thread) whose one command runs the code it is given.
// Only possible in one process: a real command carries data only.
import type { Database } from '../../src/server/db/database';
import { defineCommand, type Ctx } from '../../src/server/kernel/context';
import { commandRunner } from '../../src/server/runtime';
import { createWriter } from '../../src/server/writes';

const inWrite = defineCommand('test.inWrite', (ctx, job: (ctx: Ctx) => Promise<unknown>) => job(ctx));

export function writerForTests(database: Database) {
  const writer = createWriter(database, commandRunner(database.dialect, [inWrite]));
  return {
    /** runs `job` in a command's transaction; its events are stored (and their payloads checked) */
    run: <T>(job: (ctx: Ctx) => Promise<T>) =>
      writer.command({ name: inWrite.name, actor: { kind: 'system', name: 'test' }, args: job }).then((o) => o.value as T),
  };
}
