// The writes that are named, so that SQLite's write thread can run them (see
// db/write-thread.ts): a command gets only data (who acts, its arguments) and
// returns only data. The hot path, posting a message, is one; the rarer writes
// still run as functions on the main connection (`commit`).
import type { Actor, Emit } from './context';
import { collectEvents } from './context';
import type { Dialect } from './db/database';
import type { CommandCall, CommandOutcome, Trx } from './db/writer';
import { postMessageCommand } from './conversations/messages.service';

export interface CommandScope {
  trx: Trx;
  emit: Emit;
  actor: Actor;
}

export const commands = {
  postMessage: postMessageCommand,
};

export type Commands = typeof commands;
export type CommandName = keyof Commands;
export type CommandArgs<K extends CommandName> = Parameters<Commands[K]>[1];
export type CommandValue<K extends CommandName> = Awaited<ReturnType<Commands[K]>>;

/** Runs a command in a transaction of the writer, collecting the events it stores. */
export const commandRunner = (dialect: Dialect) => async (trx: Trx, call: CommandCall): Promise<CommandOutcome> => {
  if (!Object.hasOwn(commands, call.name)) throw new Error(`unknown command ${call.name}`);
  const command = commands[call.name as CommandName];
  const { emit, events } = collectEvents(trx, dialect);
  const value = await command({ trx, emit, actor: call.actor }, call.args as never);
  return { value, events };
};
