import { sql } from 'kysely';
import type { Trx } from '../db/writer';
import type { Dialect } from '../db/database';
import { now } from '../db/time';

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

/** Fans committed events out to listeners in this process. */
export interface EventBus {
  publish(events: StoredEvent[]): void;
  subscribe(listener: EventListener): () => void;
}

export function createInMemoryEventBus(): EventBus {
  const listeners = new Set<EventListener>();
  return {
    publish(events) {
      if (events.length === 0) return;
      for (const listener of listeners) {
        try {
          listener(events);
        } catch {
          // a failing listener must not stop the others, nor the request that committed
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

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
  const row = await trx
    .insertInto('events')
    .values({
      type: event.type,
      conversation_id: event.conversationId,
      customer_id: event.customerId,
      customer_user_id: event.customerUserId,
      payload: JSON.stringify(event.payload),
      created_at: createdAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { ...event, id: row.id, createdAt };
}
