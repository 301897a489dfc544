import type { Kysely } from 'kysely';
import type { Database, Dialect } from './db/database';
import type { BackofficeUserRole, CustomerUserRole, DB } from './db/schema';
import type { Trx, Writer } from './db/writer';
import { recordEvent, type DomainEvent, type EventBus, type StoredEvent } from './events/events';

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

/**
 * Runs a write in one durable transaction; the events it records are stored
 * with it and published only after the commit.
 */
export async function commit<T>(deps: Deps, job: (trx: Trx, emit: Emit) => Promise<T>): Promise<T> {
  let events: StoredEvent[] = [];
  const value = await deps.writer.run(async (trx) => {
    events = [];
    const emit: Emit = async (event) => {
      const stored = await recordEvent(trx, deps.dialect, event);
      events.push(stored);
      return stored;
    };
    return job(trx, emit);
  });
  deps.bus.publish(events);
  return value;
}

export function isCustomerUser(actor: Actor): actor is CustomerUserActor {
  return actor.side === 'storefront';
}
