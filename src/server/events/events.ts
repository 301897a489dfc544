import { sql, type Kysely, type Selectable } from 'kysely';
import type { DB, EventTable } from '../db/schema';
import type { Trx } from '../db/writer';
import type { Dialect } from '../db/database';
import { now } from '../db/time';
import { precompiled } from '../db/precompiled';

export type EventType =
  | 'conversation.created'
  | 'conversation.updated'
  | 'conversation.deleted'
  | 'conversation.status_changed'
  | 'conversation.read'
  | 'message.created';

/**
 * What an event says and about whom: `conversationId`, `customerId` and
 * `customerUserId` are what the live layer uses to decide who may receive it.
 */
export interface DomainEvent {
  type: EventType;
  conversationId: number | null;
  customerId: number | null;
  customerUserId: number | null;
  payload: Record<string, unknown>;
}

export interface StoredEvent extends DomainEvent {
  id: number;
  createdAt: string;
}

export type EventListener = (events: StoredEvent[]) => void;

/**
 * Ephemeral news that every instance must hear but nobody stores: someone is
 * typing, a session ended (its sockets must close wherever they are).
 */
export type Signal =
  | {
      type: 'typing';
      conversationId: number;
      customerId: number;
      customerUserId: number;
      from: { kind: 'customer_user' | 'backoffice_user'; id: number; name: string };
    }
  | { type: 'session.ended'; sessionId: string };

export type SignalListener = (signal: Signal) => void;

/**
 * Fans committed events (and signals) out to listeners: in this process, or
 * through Redis to every instance. Each listener hears each event once.
 */
export interface EventBus {
  publish(events: StoredEvent[]): void;
  subscribe(listener: EventListener): () => void;
  signal(signal: Signal): void;
  onSignal(listener: SignalListener): () => void;
  close(): Promise<void>;
}

/** Listeners of one kind, each shielded from the others' failures. */
export function createFanout<T>() {
  const listeners = new Set<(value: T) => void>();
  return {
    emit(value: T) {
      for (const listener of listeners) {
        try {
          listener(value);
        } catch {
          // a failing listener must not stop the others, nor the request that committed
        }
      }
    },
    add(listener: (value: T) => void) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}

export function createInMemoryEventBus(): EventBus {
  const events = createFanout<StoredEvent[]>();
  const signals = createFanout<Signal>();
  return {
    publish: (batch) => {
      if (batch.length > 0) events.emit(batch);
    },
    subscribe: events.add,
    signal: signals.emit,
    onSignal: signals.add,
    close: async () => undefined,
  };
}

const insertEvent = precompiled(
  (db, type: string, conversationId: number | null, customerId: number | null, customerUserId: number | null, payload: string, createdAt: string) =>
    db
      .insertInto('events')
      .values({ type, conversation_id: conversationId, customer_id: customerId, customer_user_id: customerUserId, payload, created_at: createdAt })
      .returning('id'),
);

/**
 * Stores an event in the same transaction as the change it describes (so it
 * exists exactly when the change does); ids increase in commit order.
 */
export async function recordEvent(trx: Trx, dialect: Dialect, event: DomainEvent): Promise<StoredEvent> {
  if (dialect === 'postgres') {
    // serialise event writers so that ids are handed out in commit order and a
    // client resuming from id N can never skip an event that commits late
    await sql`select pg_advisory_xact_lock(7305)`.execute(trx);
  }
  const createdAt = now();
  const [row] = await insertEvent(trx, event.type, event.conversationId, event.customerId, event.customerUserId, JSON.stringify(event.payload), createdAt);
  return { ...event, id: row!.id, createdAt };
}

/** Stored events after `afterId` (up to `upToId` when given), in id order. */
export async function loadEventsAfter(
  db: Kysely<DB>,
  range: { afterId: number; upToId?: number | undefined; limit: number },
): Promise<StoredEvent[]> {
  let q = db.selectFrom('events').selectAll().where('id', '>', range.afterId);
  if (range.upToId !== undefined) q = q.where('id', '<=', range.upToId);
  return (await q.orderBy('id').limit(range.limit).execute()).map(eventFromRow);
}

export async function lastEventId(db: Kysely<DB>): Promise<number> {
  const row = await db.selectFrom('events').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst();
  return Number(row?.id ?? 0);
}

export function eventFromRow(row: Selectable<EventTable>): StoredEvent {
  return {
    id: Number(row.id),
    type: row.type as EventType,
    conversationId: row.conversation_id,
    customerId: row.customer_id,
    customerUserId: row.customer_user_id,
    payload: JSON.parse(row.payload) as Record<string, unknown>,
    createdAt: row.created_at,
  };
}
