// Parley instances in child processes (test/fixtures/consumer-instance.ts),
// each with a consumer that writes what it handles to one shared file, and
// the events for them to handle, written as the app writes events.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import type { Database } from '../../src/server/db/database';
import { recordEvent } from '../../src/server/events';

export interface Instance {
  name: string;
  process: ChildProcess;
  kill(): Promise<void>;
}

export async function startInstance(name: string, env: Record<string, string>): Promise<Instance> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/consumer-instance.ts'], {
    env: { ...process.env, INSTANCE: name, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr.on('data', (d) => (output += d));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => d.toString().includes('ready') && resolve());
    child.once('exit', (code) => reject(new Error(`instance ${name} exited (${code}):\n${output}`)));
  });
  return {
    name,
    process: child,
    kill: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    },
  };
}

/** Stores `n` events of the recorder's type (conversation.deleted), in transactions of `perTransaction`; answers their ids. */
export async function writeEvents(database: Database, n: number, perTransaction = 50): Promise<number[]> {
  const ids: number[] = [];
  for (let done = 0; done < n; done += perTransaction) {
    await database.db.transaction().execute(async (trx) => {
      for (let i = done; i < Math.min(n, done + perTransaction); i++) {
        const stored = await recordEvent(
          trx,
          database.dialect,
          {
            type: 'conversation.deleted',
            conversationId: 1_000_000 + i,
            customerId: null,
            customerUserId: null,
            payload: { conversationId: 1_000_000 + i },
          },
          i - done,
        );
        ids.push(stored.id);
      }
    });
  }
  return ids;
}

/** The sink's lines: which instance handled which event, in the order handled. */
export function handled(sink: string): { id: number; instance: string }[] {
  if (!fs.existsSync(sink)) return [];
  return fs
    .readFileSync(sink, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [id, instance] = line.split(' ');
      return { id: Number(id), instance: instance! };
    });
}
