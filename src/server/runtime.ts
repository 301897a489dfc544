// How a command runs, on whichever thread: a context whose database is the
// transaction and whose emit stores events in it; and the runtime that
// services get their contexts from, whose writes go through the writer and
// publish their events once durable.
import type { Kysely } from 'kysely';
import type { StoredEvent } from '../shared/events';
import type { Database } from './db/database';
import type { DB } from './db/schema';
import { checkedEvent, recordEvent, type EventBus } from './events';
import type { Actor } from './kernel/actor';
import {
  refuseEmit,
  refuseEmitWith,
  refuseWrite,
  type AnyCommand,
  type CommandCall,
  type CommandOutcome,
  type Ctx,
  type Runtime,
} from './kernel/context';
import type { CommandRunner, Writer } from './writes';

/** Runs a named command in a transaction, collecting the events it stores. */
export function commandRunner(dialect: Database['dialect'], commands: readonly AnyCommand[]): CommandRunner {
  const byName = new Map<string, AnyCommand>();
  for (const command of commands) {
    if (byName.has(command.name)) throw new Error(`two commands are named ${command.name}`);
    byName.set(command.name, command);
  }
  return async (trx: Kysely<DB>, call: CommandCall): Promise<CommandOutcome> => {
    const command = byName.get(call.name);
    if (!command) throw new Error(`unknown command ${call.name}`);
    const events: StoredEvent[] = [];
    const ctx: Ctx = {
      actor: call.actor,
      db: trx,
      dialect,
      write: refuseWrite,
      emit: async (event) => {
        const stored = await recordEvent(trx, dialect, event, events.length);
        events.push(stored);
        return stored;
      },
      emitWith: async (store) => {
        const { value, event } = await store(events.length);
        if (event) events.push(checkedEvent(event));
        return value;
      },
    };
    const value: unknown = await command.run(ctx, call.args);
    return { value, events };
  };
}

/** Whether the named command is standalone (see `Command.standalone`): the PostgreSQL writer opens no transaction for it. */
export function standaloneCommands(commands: readonly AnyCommand[]): (name: string) => boolean {
  const names = new Set(commands.filter((c) => c.standalone).map((c) => c.name));
  return (name) => names.has(name);
}

export function createRuntime(database: Database, writer: Writer, bus: EventBus): Runtime {
  const contextFor = <A extends Actor>(actor: A): Ctx<A> => ({
    actor,
    db: database.db,
    dialect: database.dialect,
    emit: refuseEmit,
    emitWith: refuseEmitWith,
    write: async (command, args) => {
      const { value, events } = await writer.command({ name: command.name, actor, args });
      bus.publish(events);
      return value as never;
    },
  });
  return {
    db: database.db,
    dialect: database.dialect,
    contextFor,
    signal: (signal) => bus.signal(signal),
    onSignal: (listener) => bus.onSignal(listener),
    onEvents: (listener) => bus.subscribe(listener),
  };
}
