import type { Kysely } from 'kysely';
import type { Database, Dialect } from './db/database';
import type { BackofficeUserRole, CustomerUserRole, DB } from './db/schema';
import type { Trx, Writer } from './db/writer';
import { recordEvent, type DomainEvent, type EventBus, type StoredEvent } from './events/events';
import type { CommandArgs, CommandName, CommandValue } from './commands';

export interface CustomerUserActor {
  side: 'storefront';
  id: number;
  customerId: number;
  role: CustomerUserRole;
  name: string;
}

export interface BackofficeActor {
  side: 'backoffice';
  id: number;
  role: BackofficeUserRole;
  name: string;
}

export type Actor = CustomerUserActor | BackofficeActor;

/** What every service needs, built once in app.ts. */
export interface Deps {
  database: Database;
  db: Kysely<DB>;
  dialect: Dialect;
  writer: Writer;
  bus: EventBus;
}

/** Passed first to every service call: the dependencies and who is acting. */
export interface Ctx<A extends Actor = Actor> extends Deps {
  actor: A;
}

export type Emit = (event: DomainEvent) => Promise<StoredEvent>;

/** An `emit` that stores each event in `trx` and keeps it, to publish after the commit. */
export function collectEvents(trx: Trx, dialect: Dialect) {
  const events: StoredEvent[] = [];
  const emit: Emit = async (event) => {
    const stored = await recordEvent(trx, dialect, event);
    events.push(stored);
    return stored;
  };
  return { emit, events };
}

/**
 * Runs a write in one durable transaction; the events it records are stored
 * with it and published only after the commit.
 */
export async function commit<T>(deps: Deps, job: (trx: Trx, emit: Emit) => Promise<T>): Promise<T> {
  let events: StoredEvent[] = [];
  const value = await deps.writer.run(async (trx) => {
    const collected = collectEvents(trx, deps.dialect);
    events = collected.events;
    return job(trx, collected.emit);
  });
  deps.bus.publish(events);
  return value;
}

/** `commit` for a named write of `commands.ts` (on SQLite it runs on the write thread). */
export async function commitCommand<K extends CommandName>(ctx: Ctx, name: K, args: CommandArgs<K>): Promise<CommandValue<K>> {
  const { value, events } = await ctx.writer.command({ name, actor: ctx.actor, args });
  ctx.bus.publish(events);
  return value as CommandValue<K>;
}

export function isCustomerUser(actor: Actor): actor is CustomerUserActor {
  return actor.side === 'storefront';
}
